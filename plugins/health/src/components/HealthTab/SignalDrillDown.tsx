import { ReactNode } from 'react';
import {
  Alert,
  Button,
  ButtonLink,
  Card,
  CardBody,
  CardHeader,
  Flex,
  Text,
} from '@backstage/ui';
import Box from '@mui/material/Box';
import {
  EntityHealthDetailResponse,
  HealthSignal,
  SignalDefinitionView,
} from '@dataplatform/plugin-health-common';
import { OpenInNewIcon } from '@dataplatform/portal-react';
import {
  describeDirection,
  formatDateTime,
  formatRelativeTime,
  formatThresholds,
} from '../../lib/format';
import { StateChip } from '../states';
import { ShortValue } from '../values';
import { SignalNode } from './tree';

export const DEFINITIONS_HIDDEN_NOTE =
  'Queries and model definitions are visible to the owners and the platform team';

function Facts(props: { label: string; children: ReactNode }) {
  return (
    <Box
      component="dl"
      aria-label={props.label}
      sx={{
        display: 'grid',
        gridTemplateColumns: 'max-content 1fr',
        columnGap: 2,
        rowGap: 0.75,
        m: 0,
        fontSize: '0.875rem',
        '& > dt': { fontWeight: 600 },
        '& > dd': { m: 0, minWidth: 0, overflowWrap: 'anywhere' },
      }}
    >
      {props.children}
    </Box>
  );
}

function Fact(props: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{props.label}</dt>
      <dd>{props.children}</dd>
    </>
  );
}

/** The last part of an ARM id: the resource's name. */
function resourceName(resourceId: string): string {
  return resourceId.split('/').filter(Boolean).pop() ?? resourceId;
}

function Mono(props: { children: ReactNode }) {
  return (
    <Box
      component="code"
      sx={{ fontFamily: 'monospace', fontSize: '0.8125rem' }}
    >
      {props.children}
    </Box>
  );
}

/**
 * Azure's own words behind an unknown signal's explanation. They may quote
 * the query, so the backend sends them only to those who may see it.
 */
function AzureSaid(props: { detail: string }) {
  return (
    <Flex direction="column" gap="1">
      <Text as="span" variant="body-small" weight="bold">
        Azure said:
      </Text>
      <Box
        component="pre"
        aria-label="What Azure said"
        sx={{
          m: 0,
          p: 1.5,
          bgcolor: 'action.hover',
          borderRadius: 1,
          fontFamily: 'monospace',
          fontSize: '0.8125rem',
          // A long message wraps rather than widening the panel.
          whiteSpace: 'pre-wrap',
          overflowWrap: 'anywhere',
        }}
      >
        <code>{props.detail}</code>
      </Box>
    </Flex>
  );
}

function Definition(props: { signal: HealthSignal }) {
  const { signal } = props;
  if (signal.type === 'log') {
    return (
      <Flex direction="column" gap="2">
        <Facts label="Query definition">
          <Fact label="Workspace">
            <span title={signal.workspace}>
              {resourceName(signal.workspace)}
            </span>
          </Fact>
          <Fact label="Timespan">{signal.timespan}</Fact>
        </Facts>
        <Box
          component="pre"
          aria-label="KQL query"
          sx={{
            m: 0,
            p: 1.5,
            bgcolor: 'action.hover',
            borderRadius: 1,
            fontFamily: 'monospace',
            fontSize: '0.8125rem',
            // Long `where` lines wrap rather than run out of the panel,
            // so the whole query can be read (and copied) where it is.
            whiteSpace: 'pre-wrap',
            overflowWrap: 'anywhere',
          }}
        >
          <code>{signal.query.trimEnd()}</code>
        </Box>
      </Flex>
    );
  }
  return (
    <Facts label="Metric definition">
      <Fact label="Resources">
        <Box component="ul" sx={{ m: 0, pl: 2 }}>
          {signal.resources.map(id => (
            <li key={id} title={id}>
              <Mono>{resourceName(id)}</Mono>
            </li>
          ))}
        </Box>
      </Fact>
      <Fact label="Region">{signal.region}</Fact>
      <Fact label="Namespace">
        <Mono>{signal.namespace}</Mono>
      </Fact>
      <Fact label="Metric">
        <Mono>{signal.metric}</Mono>
      </Fact>
      <Fact label="Aggregation">{signal.aggregation}</Fact>
      <Fact label="Window">{signal.window}</Fact>
    </Facts>
  );
}

/** The definition of a signal as its owners see it, if the caller may see it. */
export function findDefinition(
  detail: EntityHealthDetailResponse,
  node: SignalNode,
): SignalDefinitionView | undefined {
  return detail.definitions
    ?.find(view => view.entityRef === node.modelRef)
    ?.signals.find(view => view.key === node.signal.key);
}

/**
 * Everything about one signal: how it is graded, what it read, and (for
 * owners and the platform team) the query or metric behind it with a link
 * to the same data in the Azure portal.
 */
export function SignalDrillDown(props: {
  node: SignalNode;
  detail: EntityHealthDetailResponse;
  now: Date;
  onClose: () => void;
}) {
  const { node, detail, now, onClose } = props;
  const { signal } = node;
  // Visibility is per model: a domain's owners may not own every product
  // in it, and a product's owners may see their model on the domain's page.
  const model = detail.definitions?.find(
    view => view.entityRef === node.modelRef,
  );
  const definition = findDefinition(detail, node);
  const source = model?.source;

  return (
    <Card>
      <CardHeader>
        <Flex justify="between" align="start" gap="2">
          <Flex direction="column" gap="1">
            <Text as="h3" variant="title-small" style={{ margin: 0 }}>
              {signal.title}
            </Text>
            <Text as="span" variant="body-small" color="secondary">
              {node.componentTitle} · <Mono>{signal.key}</Mono>
            </Text>
          </Flex>
          <Button
            size="small"
            variant="tertiary"
            onPress={onClose}
            aria-label="Close signal details"
          >
            Close
          </Button>
        </Flex>
      </CardHeader>
      <CardBody>
        <Flex direction="column" gap="3">
          <Flex align="center" gap="2">
            <StateChip state={signal.state} />
          </Flex>
          <Text as="p" variant="body-medium">
            {signal.explanation}
          </Text>
          {signal.detail && <AzureSaid detail={signal.detail} />}
          <Facts label="Signal">
            <Fact label="Type">
              {signal.type === 'log'
                ? 'Log query (KQL, Log Analytics)'
                : 'Platform metric (Azure Monitor)'}
            </Fact>
            <Fact label="Thresholds">
              {formatThresholds(signal.thresholds, signal.unit)} (
              {describeDirection(signal.thresholds)})
            </Fact>
            <Fact label="Value">
              {signal.value === undefined ? (
                'No value'
              ) : (
                <ShortValue
                  value={signal.value}
                  unit={signal.unit}
                  thresholds={signal.thresholds}
                />
              )}
            </Fact>
            <Fact label="Observed">
              {signal.observedAt ? (
                <time
                  dateTime={signal.observedAt}
                  title={formatDateTime(signal.observedAt)}
                >
                  {formatRelativeTime(signal.observedAt, now)} (
                  {formatDateTime(signal.observedAt)})
                </time>
              ) : (
                '—'
              )}
            </Fact>
            {signal.lastKnown && (
              <Fact label="Last known value">
                <ShortValue
                  value={signal.lastKnown.value}
                  unit={signal.unit}
                  thresholds={signal.thresholds}
                />
                , {formatRelativeTime(signal.lastKnown.observedAt, now)}
                {signal.state === 'unknown' ? ' (stale)' : ''}
              </Fact>
            )}
            {source && <Fact label="Model file">{source}</Fact>}
          </Facts>

          <Text as="h4" variant="title-x-small" style={{ margin: 0 }}>
            {signal.type === 'log' ? 'Query' : 'Metric'}
          </Text>
          {!model && (
            <Alert status="info" icon title={DEFINITIONS_HIDDEN_NOTE} />
          )}
          {model && !definition && (
            <Alert
              status="warning"
              icon
              title="The backend returned no definition for this signal"
              description="The model may have changed since its last evaluation; it shows after the next one."
            />
          )}
          {definition && (
            <>
              <Definition signal={definition.signal} />
              <div>
                <ButtonLink
                  href={definition.portalUrl}
                  target="_blank"
                  rel="noopener noreferrer"
                  variant="secondary"
                  size="small"
                  iconEnd={<OpenInNewIcon fontSize="inherit" />}
                >
                  Open in Azure portal
                </ButtonLink>
              </div>
            </>
          )}
        </Flex>
      </CardBody>
    </Card>
  );
}
