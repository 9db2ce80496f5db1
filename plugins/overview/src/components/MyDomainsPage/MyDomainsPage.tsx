import { ReactNode } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import { parseEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { Container, Flex, Text } from '@backstage/ui';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import {
  CONCERNS,
  DomainOverviewRow,
  Persona,
  RequestInProgress,
} from '@dataplatform/plugin-overview-common';
import {
  formatDateTime,
  formatRelativeTime,
  OpenInNewIcon,
  PageHeading,
  useNow,
  usePolledAsync,
} from '@dataplatform/portal-react';
import { overviewApiRef } from '../../api';
import {
  ATTENTION_LABELS,
  AttentionChip,
  ConcernCellLink,
  SourcesLine,
} from '../concerns';
import { FirstLoadState, RefreshFailedAlert } from '../PolledLoadStates';

/** Software templates behind the quick actions. */
export const QUICK_ACTIONS = [
  {
    label: 'Request a domain',
    to: '/create/templates/default/request-data-domain',
  },
  {
    label: 'Lease a sandbox',
    to: '/create/templates/default/lease-innovation-sandbox',
  },
  {
    label: 'Create a data product',
    to: '/create/templates/default/create-data-product',
  },
] as const;

const KIND_LABELS: Record<RequestInProgress['kind'], string> = {
  'domain-request': 'Domain request',
  'sandbox-lease': 'Sandbox lease',
};

/** "pending-approval" → "Pending approval". */
function statusLabel(status: string): string {
  const words = status.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A user's name from their entity ref, with the path of their page. */
function person(ref: string): { name: string; path?: string } {
  try {
    const { kind, namespace, name } = parseEntityRef(ref, {
      defaultKind: 'user',
    });
    return {
      name,
      path: `/catalog/${namespace}/${kind.toLocaleLowerCase('en')}/${name}`,
    };
  } catch {
    return { name: ref };
  }
}

/** The bordered box of a domain card and of the no-domains notice. */
const PANEL_SX = {
  border: 1,
  borderColor: 'divider',
  borderRadius: 2,
  p: 2,
  bgcolor: 'background.paper',
} as const;

/** One domain: its five concerns, what needs attention, and its links. */
function DomainCard(props: { row: DomainOverviewRow }) {
  const { row } = props;
  const headingId = `my-domain-${row.name}`;
  return (
    <Box
      component="section"
      aria-labelledby={headingId}
      data-domain={row.name}
      sx={{
        ...PANEL_SX,
        display: 'flex',
        flexDirection: 'column',
        gap: 1.5,
        minWidth: 0,
      }}
    >
      <Flex justify="between" align="start" gap="2">
        <Flex direction="column" gap="0">
          <Text
            as="h3"
            variant="title-small"
            id={headingId}
            style={{ margin: 0 }}
          >
            <Link component={RouterLink} to={row.href}>
              {row.title}
            </Link>
          </Text>
          {(row.ownerTitle ?? row.ownerGroup) && (
            <Text as="span" variant="body-x-small" color="secondary">
              Owned by {row.ownerTitle ?? row.ownerGroup}
            </Text>
          )}
        </Flex>
        <AttentionChip
          level={row.attention}
          label={ATTENTION_LABELS[row.attention]}
        />
      </Flex>
      <Box
        component="ul"
        aria-label={`Concerns of ${row.title}`}
        sx={{
          m: 0,
          p: 0,
          listStyle: 'none',
          display: 'flex',
          flexWrap: 'wrap',
          gap: 1,
        }}
      >
        {CONCERNS.map(concern => (
          <li key={concern}>
            <ConcernCellLink concern={concern} cell={row[concern]} />
          </li>
        ))}
      </Box>
      {row.reasons.length > 0 && (
        <Box
          component="ul"
          aria-label={`What needs attention in ${row.title}`}
          sx={{ m: 0, pl: 2.5, fontSize: '0.8125rem' }}
        >
          {row.reasons.map(reason => (
            <li key={reason}>{reason}</li>
          ))}
        </Box>
      )}
      <Flex gap="3" style={{ flexWrap: 'wrap', fontSize: '0.8125rem' }}>
        <Link component={RouterLink} to={row.href}>
          Domain page
        </Link>
        {row.subscriptionUrl && (
          <Link
            href={row.subscriptionUrl}
            target="_blank"
            rel="noopener noreferrer"
            aria-label={`Azure subscription of ${row.title} (opens in a new tab)`}
            sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.25 }}
          >
            Azure subscription
            <OpenInNewIcon sx={{ fontSize: '0.8rem' }} aria-hidden />
          </Link>
        )}
      </Flex>
    </Box>
  );
}

function NoDomains(props: { persona: Persona }) {
  return (
    <Box role="region" aria-label="No domains" sx={PANEL_SX}>
      <Text as="p" variant="body-medium" style={{ margin: 0 }}>
        {props.persona === 'platform-team'
          ? 'No group of yours owns a domain. Every domain is on the platform home.'
          : 'No group of yours owns a domain. Request one, or find data to use in the data product explorer.'}
      </Text>
      <Flex gap="3" style={{ marginTop: 8 }}>
        {props.persona === 'platform-team' ? (
          <Link component={RouterLink} to="/platform">
            Platform home
          </Link>
        ) : (
          <>
            <Link component={RouterLink} to={QUICK_ACTIONS[0].to}>
              Request a domain
            </Link>
            <Link component={RouterLink} to="/data-products">
              Explore data products
            </Link>
          </>
        )}
      </Flex>
    </Box>
  );
}

function RequestsTable(props: { requests: RequestInProgress[]; now: Date }) {
  return (
    <Box sx={{ overflowX: 'auto' }}>
      <Table size="small" aria-label="Requests in progress">
        <TableHead>
          <TableRow>
            <TableCell>Kind</TableCell>
            <TableCell>Name</TableCell>
            <TableCell>Status</TableCell>
            <TableCell>Requested by</TableCell>
            <TableCell>Updated</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {props.requests.map(request => {
            const requester = request.requestedBy
              ? person(request.requestedBy)
              : undefined;
            return (
              <TableRow
                key={`${request.kind}:${request.id}`}
                data-request={request.id}
              >
                <TableCell>
                  {KIND_LABELS[request.kind] ?? request.kind}
                </TableCell>
                <TableCell>
                  <Link component={RouterLink} to={request.href}>
                    {request.name}
                  </Link>
                </TableCell>
                <TableCell>{statusLabel(request.status)}</TableCell>
                <TableCell>
                  {requester?.path ? (
                    <Link component={RouterLink} to={requester.path}>
                      {requester.name}
                    </Link>
                  ) : (
                    requester?.name ?? '—'
                  )}
                </TableCell>
                <TableCell>
                  {request.updatedAt ? (
                    <time
                      dateTime={request.updatedAt}
                      title={formatDateTime(request.updatedAt)}
                    >
                      {formatRelativeTime(request.updatedAt, props.now)}
                    </time>
                  ) : (
                    '—'
                  )}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </Box>
  );
}

function Section(props: { id: string; title: string; children: ReactNode }) {
  return (
    <Box component="section" aria-labelledby={props.id}>
      <Flex direction="column" gap="2">
        <Text as="h3" variant="title-small" id={props.id} style={{ margin: 0 }}>
          {props.title}
        </Text>
        {props.children}
      </Flex>
    </Box>
  );
}

/**
 * A domain owner's start page: a card per domain they own with its five
 * concerns, their requests in progress, and the templates they use most.
 */
export function MyDomainsPage(props: { refreshIntervalMs?: number }) {
  const api = useApi(overviewApiRef);
  const now = useNow();
  const mine = usePolledAsync(
    () => api.getMyDomains(),
    [api],
    props.refreshIntervalMs ?? 60_000,
  );
  const value = mine.value;

  let content: JSX.Element;
  if (!value) {
    content = (
      <FirstLoadState state={mine} title="Could not load your domains" />
    );
  } else {
    content = (
      <Flex direction="column" gap="4">
        <RefreshFailedAlert
          state={mine}
          title="Could not refresh your domains"
          shown="them"
        />
        <SourcesLine sources={value.sources} />
        <Section id="my-domains-domains" title="Domains">
          {value.rows.length === 0 ? (
            <NoDomains persona={value.persona} />
          ) : (
            <Box
              sx={{
                display: 'grid',
                gap: 2,
                gridTemplateColumns: 'repeat(auto-fill, minmax(340px, 1fr))',
              }}
            >
              {value.rows.map(row => (
                <DomainCard key={row.entityRef} row={row} />
              ))}
            </Box>
          )}
        </Section>
        <Section id="my-domains-requests" title="Requests in progress">
          {value.requests.length === 0 ? (
            <Text
              as="p"
              variant="body-medium"
              color="secondary"
              style={{ margin: 0 }}
            >
              No requests in progress: nothing you or your groups asked for is
              waiting for approval or being provisioned.
            </Text>
          ) : (
            <RequestsTable requests={value.requests} now={now} />
          )}
        </Section>
      </Flex>
    );
  }

  return (
    <Container my="4">
      <Flex direction="column" gap="4">
        <PageHeading
          title="My domains"
          description="The domains your groups own, what needs your attention in each, and your requests in progress."
        >
          <Flex gap="2" style={{ flexWrap: 'wrap' }}>
            {QUICK_ACTIONS.map(action => (
              <Button
                key={action.to}
                component={RouterLink}
                to={action.to}
                variant="outlined"
                size="small"
              >
                {action.label}
              </Button>
            ))}
          </Flex>
        </PageHeading>
        {content}
      </Flex>
    </Container>
  );
}
