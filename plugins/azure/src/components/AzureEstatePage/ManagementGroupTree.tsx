import { CSSProperties } from 'react';
import { Badge, Flex, Link, Text } from '@backstage/ui';
import {
  AzureEstate,
  EstateSubscription,
} from '@dataplatform/plugin-azure-common';
import {
  ManagementGroupNode,
  buildEstateTree,
  countSubscriptions,
} from './estateTree';
import { roleLabel } from './format';

const listStyle: CSSProperties = {
  listStyle: 'none',
  margin: 0,
  paddingLeft: '1.25rem',
  borderLeft: '1px solid var(--bui-border, rgba(127, 127, 127, 0.3))',
};

const itemStyle: CSSProperties = { margin: '0.35rem 0' };

function plural(count: number, word: string) {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function SubscriptionItem(props: { subscription: EstateSubscription }) {
  const { subscription } = props;
  const problems = subscription.tagProblems.length;
  return (
    <li style={itemStyle}>
      <Flex gap="2" align="center">
        <Link
          href={subscription.portalUrl}
          target="_blank"
          rel="noopener noreferrer"
          variant="body-medium"
          title={`Open ${subscription.displayName} (${subscription.subscriptionId}) in the Azure portal`}
        >
          {subscription.displayName}
        </Link>
        {subscription.state !== 'Enabled' && (
          <Badge size="small">{subscription.state}</Badge>
        )}
        {problems === 0 ? (
          <Text variant="body-small" color="success">
            <span aria-hidden="true">✓</span> tags compliant
          </Text>
        ) : (
          <Text variant="body-small" color="warning">
            {plural(problems, 'tag problem')}
          </Text>
        )}
      </Flex>
    </li>
  );
}

function GroupItem(props: { node: ManagementGroupNode }) {
  const { group, children, subscriptions } = props.node;
  const total = countSubscriptions(props.node);
  const empty = children.length === 0 && subscriptions.length === 0;
  return (
    <li style={itemStyle}>
      <Flex gap="2" align="center">
        <Link
          href={group.portalUrl}
          target="_blank"
          rel="noopener noreferrer"
          variant="body-medium"
          weight="bold"
          title={`Open management group ${group.id} in the Azure portal`}
        >
          {group.displayName}
        </Link>
        {group.role && <Badge size="small">{roleLabel(group.role)}</Badge>}
        <Text variant="body-small" color="secondary">
          {plural(total, 'subscription')}
        </Text>
      </Flex>
      {!empty && (
        <ul style={listStyle}>
          {children.map(child => (
            <GroupItem key={child.group.id} node={child} />
          ))}
          {subscriptions.map(subscription => (
            <SubscriptionItem
              key={subscription.subscriptionId}
              subscription={subscription}
            />
          ))}
        </ul>
      )}
    </li>
  );
}

/** The management-group hierarchy with the subscriptions under each group. */
export function ManagementGroupTree(props: { estate: AzureEstate }) {
  const { roots, unplaced } = buildEstateTree(props.estate);
  if (roots.length === 0 && unplaced.length === 0) {
    return (
      <Text color="secondary">
        The reading contains no management groups or subscriptions.
      </Text>
    );
  }
  return (
    <ul
      aria-label="Management groups"
      style={{ ...listStyle, paddingLeft: 0, borderLeft: 'none' }}
    >
      {roots.map(node => (
        <GroupItem key={node.group.id} node={node} />
      ))}
      {unplaced.length > 0 && (
        <li style={itemStyle}>
          <Text weight="bold">Outside the platform hierarchy</Text>{' '}
          <Text variant="body-small" color="secondary">
            ({plural(unplaced.length, 'subscription')})
          </Text>
          <ul style={listStyle}>
            {unplaced.map(subscription => (
              <SubscriptionItem
                key={subscription.subscriptionId}
                subscription={subscription}
              />
            ))}
          </ul>
        </li>
      )}
    </ul>
  );
}
