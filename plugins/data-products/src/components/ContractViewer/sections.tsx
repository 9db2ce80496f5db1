import { ReactNode } from 'react';
import { CodeSnippet } from '@backstage/core-components';
import { Flex, Link, Text } from '@backstage/ui';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import type { ContractError } from '@dataplatform/plugin-data-contracts-common';
import { capitalize, words } from '../../lib/values';
import { ContractErrorList, errorsAt } from '../ContractErrors';
import { DataColumn, DataTable, orDash } from './DataTable';
import {
  ColumnView,
  ContractView,
  LinkView,
  QualityRuleView,
  SchemaObjectView,
  ServerView,
  SlaView,
} from './readContract';

type Errors = { errors: ContractError[] };

/** Links in a contract come from its authors; only web and mail links become links. */
function safeHref(url: string): string | undefined {
  return /^(https?:|mailto:)/i.test(url) ? url : undefined;
}

function ExternalLink(props: { href: string; children?: ReactNode }) {
  const href = safeHref(props.href);
  if (!href) {
    return <code>{props.href}</code>;
  }
  return (
    <Link href={href} target="_blank" rel="noopener noreferrer">
      {props.children ?? props.href}
    </Link>
  );
}

function Heading(props: { children: ReactNode }) {
  return (
    <Text as="h3" variant="title-x-small" weight="bold">
      {props.children}
    </Text>
  );
}

/** Label/value pairs, skipping the values the contract does not give. */
function Facts(props: { label: string; facts: Array<[string, ReactNode]> }) {
  const facts = props.facts.filter(
    ([, value]) => value !== undefined && value !== null && value !== '',
  );
  if (facts.length === 0) {
    return null;
  }
  return (
    <Box
      component="dl"
      aria-label={props.label}
      sx={{
        display: 'grid',
        gridTemplateColumns: 'max-content 1fr',
        columnGap: 3,
        rowGap: 1,
        m: 0,
        '& dt': { fontWeight: 600 },
        '& dd': { m: 0 },
      }}
    >
      {facts.map(([label, value]) => (
        <Box key={label} sx={{ display: 'contents' }}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </Box>
      ))}
    </Box>
  );
}

function Tags(props: { tags: string[] }) {
  if (props.tags.length === 0) {
    return null;
  }
  return (
    <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.5 }}>
      {props.tags.map(tag => (
        <Chip key={tag} size="small" variant="outlined" label={tag} />
      ))}
    </Box>
  );
}

function Paragraph(props: { title: string; text?: string }) {
  if (!props.text) {
    return null;
  }
  return (
    <Flex direction="column" gap="1">
      <Heading>{props.title}</Heading>
      <Text as="p" style={{ whiteSpace: 'pre-line' }}>
        {props.text}
      </Text>
    </Flex>
  );
}

function LinkList(props: { links: LinkView[] }) {
  return (
    <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
      {props.links.map((link, index) => (
        <li key={`${link.url}-${index}`}>
          <ExternalLink href={link.url}>
            {link.description ?? link.url}
          </ExternalLink>
          {link.type && (
            <Text as="span" variant="body-small" color="secondary">
              {' '}
              ({words(link.type)})
            </Text>
          )}
        </li>
      ))}
    </Box>
  );
}

export function OverviewSection(props: { contract: ContractView }) {
  const { contract } = props;
  const stated = [
    contract.id,
    contract.name,
    contract.version,
    contract.status,
    contract.apiVersion,
    contract.purpose,
    contract.usage,
    contract.limitations,
  ].some(Boolean);
  if (!stated && contract.links.length === 0 && contract.tags.length === 0) {
    return (
      <Text as="p" color="secondary">
        The contract states no id, version, status or description.
      </Text>
    );
  }
  return (
    <Flex direction="column" gap="4">
      <Facts
        label="Contract details"
        facts={[
          ['ID', contract.id && <code>{contract.id}</code>],
          ['Name', contract.name],
          ['Version', contract.version],
          ['Status', contract.status],
          ['ODCS version', contract.apiVersion],
          ['Domain', contract.domain],
          ['Data product', contract.dataProduct],
          ['Tenant', contract.tenant],
          ['Created', contract.createdAt],
          [
            'Tags',
            contract.tags.length ? <Tags tags={contract.tags} /> : undefined,
          ],
        ]}
      />
      <Paragraph title="Purpose" text={contract.purpose} />
      <Paragraph title="Usage" text={contract.usage} />
      <Paragraph title="Limitations" text={contract.limitations} />
      {contract.links.length > 0 && (
        <Flex direction="column" gap="1">
          <Heading>Authoritative definitions</Heading>
          <LinkList links={contract.links} />
        </Flex>
      )}
    </Flex>
  );
}

function Sensitivity(props: { column: ColumnView }) {
  const { column } = props;
  if (!column.classification && !column.pii) {
    return <>—</>;
  }
  return (
    <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.5 }}>
      {column.classification && (
        <Chip
          size="small"
          label={column.classification}
          color={column.sensitive ? 'error' : 'default'}
          variant={column.sensitive ? 'filled' : 'outlined'}
          title={
            column.sensitive
              ? `Sensitive data: classified ${column.classification}`
              : `Classified ${column.classification}`
          }
        />
      )}
      {column.pii && (
        <Chip
          size="small"
          color="error"
          label="PII"
          title="Personal data: tagged pii"
        />
      )}
    </Box>
  );
}

const COLUMN_COLUMNS: DataColumn<ColumnView>[] = [
  {
    label: 'Column',
    indent: column => column.depth * 3,
    render: column => (
      <Flex direction="column" gap="0.5">
        <Text as="div" weight="bold">
          {column.depth > 0 ? '↳ ' : ''}
          {column.name}
        </Text>
        {column.businessName && (
          <Text as="div" variant="body-small" color="secondary">
            {column.businessName}
          </Text>
        )}
      </Flex>
    ),
  },
  { label: 'Logical type', render: column => orDash(column.logicalType) },
  {
    label: 'Physical type',
    render: column =>
      column.physicalType ? <code>{column.physicalType}</code> : '—',
  },
  { label: 'Description', render: column => orDash(column.description) },
  {
    label: 'Classification / PII',
    render: column => <Sensitivity column={column} />,
  },
  { label: 'Required', render: column => (column.required ? 'Yes' : 'No') },
  {
    label: 'Primary key',
    render: column => {
      if (!column.primaryKey) {
        return 'No';
      }
      return column.primaryKeyPosition
        ? `Yes (${column.primaryKeyPosition})`
        : 'Yes';
    },
  },
];

function SchemaObject(props: { object: SchemaObjectView } & Errors) {
  const { object, errors } = props;
  const ownErrors = errorsAt(errors, object.pointer, ['properties', 'quality']);
  const sensitive = object.columns.filter(c => c.sensitive || c.pii).length;
  return (
    <Box
      component="section"
      aria-label={`Schema object ${object.name}`}
      sx={{ display: 'flex', flexDirection: 'column', gap: 1.5 }}
    >
      <Flex align="center" gap="2" style={{ flexWrap: 'wrap' }}>
        <Text as="h3" variant="title-small">
          {object.name}
        </Text>
        {object.physicalType && (
          <Chip size="small" variant="outlined" label={object.physicalType} />
        )}
        {sensitive > 0 && (
          <Chip
            size="small"
            color="error"
            label={`${sensitive} sensitive ${
              sensitive === 1 ? 'column' : 'columns'
            }`}
          />
        )}
      </Flex>
      <Facts
        label={`About ${object.name}`}
        facts={[
          ['Business name', object.businessName],
          [
            'Physical name',
            object.physicalName && <code>{object.physicalName}</code>,
          ],
          ['Description', object.description],
          ['Granularity', object.granularity],
          [
            'Tags',
            object.tags.length ? <Tags tags={object.tags} /> : undefined,
          ],
        ]}
      />
      {ownErrors.length > 0 && (
        <Box sx={theme => ({ color: theme.palette.error.main })}>
          <ContractErrorList
            errors={ownErrors}
            label={`Errors of ${object.name}`}
          />
        </Box>
      )}
      <DataTable
        label={`Columns of ${object.name}`}
        columns={COLUMN_COLUMNS}
        rows={object.columns}
        rowKey={column => column.pointer}
        rowErrors={column =>
          errorsAt(errors, column.pointer, [
            'properties',
            'items/properties',
            'quality',
            'items/quality',
          ])
        }
        empty="This object lists no columns."
      />
    </Box>
  );
}

export function SchemaSection(props: { contract: ContractView } & Errors) {
  return (
    <Flex direction="column" gap="6">
      {props.contract.schema.map(object => (
        <SchemaObject
          key={object.pointer}
          object={object}
          errors={props.errors}
        />
      ))}
    </Flex>
  );
}

function RuleText(props: { rule: QualityRuleView }) {
  const { rule } = props;
  return (
    <Flex direction="column" gap="0.5">
      {rule.name && (
        <Text as="div" weight="bold">
          {rule.name}
        </Text>
      )}
      {rule.description && <Text as="div">{rule.description}</Text>}
      {!rule.name && !rule.description && <Text as="div">—</Text>}
      {rule.businessImpact && (
        <Text as="div" variant="body-small" color="secondary">
          Business impact: {rule.businessImpact}
        </Text>
      )}
    </Flex>
  );
}

const QUALITY_COLUMNS: DataColumn<QualityRuleView>[] = [
  { label: 'Applies to', render: rule => <code>{rule.appliesTo}</code> },
  { label: 'Rule', render: rule => <RuleText rule={rule} /> },
  {
    label: 'Dimension',
    render: rule => orDash(rule.dimension && capitalize(rule.dimension)),
  },
  { label: 'Type', render: rule => orDash(rule.type) },
  {
    label: 'Check',
    render: rule => (
      <Flex direction="column" gap="1">
        <div>{orDash(rule.check)}</div>
        {rule.code && (
          <Box
            component="pre"
            sx={{
              m: 0,
              fontFamily: 'monospace',
              fontSize: '0.8rem',
              whiteSpace: 'pre-wrap',
              maxWidth: 360,
            }}
          >
            {rule.code}
          </Box>
        )}
      </Flex>
    ),
  },
  { label: 'Threshold', render: rule => orDash(rule.threshold) },
  { label: 'Severity', render: rule => orDash(rule.severity) },
  {
    label: 'Schedule',
    render: rule => (rule.schedule ? <code>{rule.schedule}</code> : '—'),
  },
];

export function QualitySection(props: { contract: ContractView } & Errors) {
  return (
    <DataTable
      label="Quality rules"
      columns={QUALITY_COLUMNS}
      rows={props.contract.quality}
      rowKey={rule => rule.pointer}
      rowErrors={rule => errorsAt(props.errors, rule.pointer)}
      empty="This contract states no quality rules."
    />
  );
}

const SLA_COLUMNS: DataColumn<SlaView>[] = [
  {
    label: 'Property',
    render: sla => (
      <Flex direction="column" gap="0.5">
        <Text as="div" weight="bold">
          {capitalize(words(sla.property))}
        </Text>
        {sla.description && (
          <Text as="div" variant="body-small" color="secondary">
            {sla.description}
          </Text>
        )}
      </Flex>
    ),
  },
  { label: 'Value', render: sla => orDash(sla.value) },
  { label: 'Unit', render: sla => orDash(sla.unit) },
  {
    label: 'Element',
    render: sla => (sla.element ? <code>{sla.element}</code> : '—'),
  },
  { label: 'Driver', render: sla => orDash(sla.driver) },
];

export function SlaSection(props: { contract: ContractView } & Errors) {
  return (
    <Flex direction="column" gap="2">
      {props.contract.slaDefaultElement && (
        <Text as="p" color="secondary">
          Unless stated otherwise, service levels apply to{' '}
          <code>{props.contract.slaDefaultElement}</code>.
        </Text>
      )}
      <DataTable
        label="Service levels"
        columns={SLA_COLUMNS}
        rows={props.contract.sla}
        rowKey={sla => sla.pointer}
        rowErrors={sla => errorsAt(props.errors, sla.pointer)}
        empty="This contract states no service levels."
      />
    </Flex>
  );
}

const SERVER_COLUMNS: DataColumn<ServerView>[] = [
  {
    label: 'Server',
    render: server => (
      <Text as="span" weight="bold">
        {server.server}
      </Text>
    ),
  },
  { label: 'Type', render: server => orDash(server.type) },
  { label: 'Environment', render: server => orDash(server.environment) },
  {
    label: 'Connection',
    render: server =>
      server.connection.length ? (
        <Box
          component="dl"
          sx={{
            m: 0,
            '& dt': { fontWeight: 600, display: 'inline' },
            '& dd': { display: 'inline', m: 0 },
          }}
        >
          {server.connection.map(({ label, value }) => (
            <div key={label}>
              <dt>{label}:</dt>{' '}
              <dd>
                <code>{value}</code>
              </dd>
            </div>
          ))}
        </Box>
      ) : (
        '—'
      ),
  },
  { label: 'Description', render: server => orDash(server.description) },
];

export function ServersSection(props: { contract: ContractView } & Errors) {
  return (
    <DataTable
      label="Servers"
      columns={SERVER_COLUMNS}
      rows={props.contract.servers}
      rowKey={server => server.pointer}
      rowErrors={server => errorsAt(props.errors, server.pointer)}
      empty="This contract names no servers."
    />
  );
}

export function RolesSection(props: { contract: ContractView }) {
  const { roles, team } = props.contract;
  return (
    <Flex direction="column" gap="5">
      <Flex direction="column" gap="2">
        <Heading>Access roles</Heading>
        <DataTable
          label="Access roles"
          columns={[
            {
              label: 'Role',
              render: role => (
                <Flex direction="column" gap="0.5">
                  <div>
                    <code>{role.role}</code>
                  </div>
                  {role.description && (
                    <Text as="div" variant="body-small" color="secondary">
                      {role.description}
                    </Text>
                  )}
                </Flex>
              ),
            },
            { label: 'Access', render: role => orDash(role.access) },
            {
              label: 'First-level approvers',
              render: role => orDash(role.firstLevelApprovers),
            },
            {
              label: 'Second-level approvers',
              render: role => orDash(role.secondLevelApprovers),
            },
          ]}
          rows={roles}
          rowKey={(role, index) => `${role.role}-${index}`}
          empty="This contract names no access roles."
        />
      </Flex>
      <Flex direction="column" gap="2">
        <Heading>Team{team?.name ? `: ${team.name}` : ''}</Heading>
        {team?.description && <Text as="p">{team.description}</Text>}
        <DataTable
          label="Team members"
          columns={[
            {
              label: 'Member',
              render: member => (
                <Flex direction="column" gap="0.5">
                  <div>{member.name ?? member.username}</div>
                  {member.name && (
                    <Text as="div" variant="body-small" color="secondary">
                      {member.username}
                    </Text>
                  )}
                </Flex>
              ),
            },
            { label: 'Role', render: member => orDash(member.role) },
            {
              label: 'Since',
              render: member => orDash(member.dateIn),
            },
            {
              label: 'Until',
              render: member =>
                member.dateOut
                  ? `${member.dateOut}${
                      member.replacedBy
                        ? ` (replaced by ${member.replacedBy})`
                        : ''
                    }`
                  : '—',
            },
            {
              label: 'Description',
              render: member => orDash(member.description),
            },
          ]}
          rows={team?.members ?? []}
          rowKey={(member, index) => `${member.username}-${index}`}
          empty="This contract names no team members."
        />
      </Flex>
    </Flex>
  );
}

export function SupportSection(props: { contract: ContractView }) {
  const { support, price } = props.contract;
  return (
    <Flex direction="column" gap="5">
      <Flex direction="column" gap="2">
        <Heading>Support channels</Heading>
        <DataTable
          label="Support channels"
          columns={[
            {
              label: 'Channel',
              render: item =>
                item.url ? (
                  <ExternalLink href={item.url}>{item.channel}</ExternalLink>
                ) : (
                  item.channel
                ),
            },
            { label: 'Tool', render: item => orDash(item.tool) },
            { label: 'Scope', render: item => orDash(item.scope) },
            {
              label: 'Description',
              render: item => (
                <Flex direction="column" gap="0.5">
                  <div>{orDash(item.description)}</div>
                  {item.invitationUrl && (
                    <ExternalLink href={item.invitationUrl}>Join</ExternalLink>
                  )}
                </Flex>
              ),
            },
          ]}
          rows={support}
          rowKey={(item, index) => `${item.channel}-${index}`}
          empty="This contract names no support channels."
        />
      </Flex>
      <Flex direction="column" gap="1">
        <Heading>Pricing</Heading>
        <Text as="p">{price ?? 'This contract states no price.'}</Text>
      </Flex>
    </Flex>
  );
}

export function CustomPropertiesSection(props: { contract: ContractView }) {
  return (
    <DataTable
      label="Custom properties"
      columns={[
        { label: 'Property', render: item => <code>{item.property}</code> },
        { label: 'Value', render: item => orDash(item.value) },
        { label: 'Set on', render: item => item.where },
        { label: 'Description', render: item => orDash(item.description) },
      ]}
      rows={props.contract.customProperties}
      rowKey={(item, index) => `${item.where}-${item.property}-${index}`}
      empty="This contract has no custom properties."
    />
  );
}

export function RawSection(props: { text?: string }) {
  if (props.text === undefined) {
    return (
      <Text as="p" color="secondary">
        This API has no definition.
      </Text>
    );
  }
  return (
    <CodeSnippet
      text={props.text}
      language="yaml"
      showLineNumbers
      showCopyCodeButton
    />
  );
}
