import { ReactNode, useId } from 'react';
import { Link, Progress } from '@backstage/core-components';
import { Alert, Flex, Text, VisuallyHidden } from '@backstage/ui';
import Box from '@mui/material/Box';
import { CostDataAge } from '@dataplatform/plugin-cost-common';
import {
  formatDateTime,
  formatRelativeTime,
  LoadErrorPanel,
  PolledAsyncState,
  reasonOf,
  StaleIcon,
  statusOf,
} from '@dataplatform/portal-react';

/** How often the backend reads Azure, for the "not read yet" messages. */
export const REFRESH_SCOPE =
  'The cost backend reads Azure Cost Management every hour unless configured otherwise; Azure itself updates cost data about every 4 hours.';

function When(props: { iso: string; now: Date }) {
  return (
    <time dateTime={props.iso} title={formatDateTime(props.iso)}>
      {formatRelativeTime(props.iso, props.now)}
    </time>
  );
}

/**
 * "Cost data as of 3 hours ago · next refresh in 40 minutes", with the
 * exact time on hover. Every card and section shows it: cost data is hours
 * old by nature, and people decide on it.
 */
export function DataAge(props: { data: CostDataAge; now: Date }) {
  const { data, now } = props;
  const next =
    data.nextRefreshAt && Date.parse(data.nextRefreshAt) > now.getTime()
      ? data.nextRefreshAt
      : undefined;
  return (
    <Text as="p" variant="body-x-small" color="secondary" style={{ margin: 0 }}>
      {data.asOf ? (
        <>
          Cost data as of <When iso={data.asOf} now={now} />
        </>
      ) : (
        'No cost data has been read from Azure yet'
      )}
      {data.stale && (
        <Box
          component="span"
          sx={{ color: 'warning.dark', fontWeight: 600, ml: 0.5 }}
        >
          (stale)
        </Box>
      )}
      {next && (
        <>
          {' '}
          · next refresh <When iso={next} now={now} />
        </>
      )}
    </Text>
  );
}

/**
 * The last refresh could not read some of Azure's answers: why, one line
 * per part, and how old the figures shown are.
 */
export function StaleDataWarning(props: { data: CostDataAge; now: Date }) {
  const { data, now } = props;
  if (!data.stale) return null;
  return (
    <Alert
      status="warning"
      icon={<StaleIcon fontSize="small" />}
      title="Stale: the last refresh could not read everything from Azure"
      description={
        <Flex direction="column" gap="1">
          <span>
            {data.asOf
              ? `Showing data as of ${formatDateTime(
                  data.asOf,
                )} (${formatRelativeTime(data.asOf, now)}).`
              : 'Nothing could be read yet.'}
            {data.lastAttemptAt &&
              ` The last attempt ended ${formatRelativeTime(
                data.lastAttemptAt,
                now,
              )}.`}
          </span>
          {data.staleReasons.length > 0 && (
            <Box
              component="ul"
              aria-label="Why the data is stale"
              sx={{ m: 0, pl: 2.5 }}
            >
              {data.staleReasons.map(reason => (
                <li key={reason}>{reason}</li>
              ))}
            </Box>
          )}
        </Flex>
      }
    />
  );
}

/** A poll failed; the last answer stays on screen with this above it. */
export function RefreshFailedWarning(props: {
  error: Error;
  loadedAt?: Date;
  now: Date;
}) {
  return (
    <Alert
      status="warning"
      icon
      title={`Could not reload; showing what was loaded ${
        props.loadedAt
          ? formatRelativeTime(props.loadedAt.toISOString(), props.now)
          : 'before'
      }`}
      description={reasonOf(props.error)}
    />
  );
}

/** A failed load with the backend's reason and a retry. */
export function CostLoadError(props: {
  title: string;
  error: Error;
  onRetry: () => void;
  retrying?: boolean;
}) {
  return (
    <LoadErrorPanel
      {...props}
      notFoundTitle="Not in the catalog"
      notFoundDescription={reasonOf(props.error)}
    />
  );
}

/**
 * A 403 explained: whose cost this is and who may see it, with the
 * backend's sentence naming the owner group.
 */
export function ForbiddenPanel(props: { title: string; error: Error }) {
  return (
    <Alert
      status="info"
      icon
      title={props.title}
      description={reasonOf(props.error)}
    />
  );
}

/**
 * What shows until the first answer arrives: who may see it when the
 * backend refuses (403), the failure with a retry, or progress.
 */
export function NotLoadedPanel(props: {
  state: PolledAsyncState<unknown>;
  forbiddenTitle: string;
  errorTitle: string;
}) {
  const { error, loading, retry } = props.state;
  if (error && statusOf(error) === 403) {
    return <ForbiddenPanel title={props.forbiddenTitle} error={error} />;
  }
  if (error) {
    return (
      <CostLoadError
        title={props.errorTitle}
        error={error}
        onRetry={retry}
        retrying={loading}
      />
    );
  }
  return <Progress />;
}

/**
 * The entity has no usable subscription annotation: what is wrong and the
 * YAML that fixes it. Never an empty chart.
 */
export function NoSubscriptionPanel(props: {
  what: 'domain' | 'sandbox';
  annotation: string;
  problem: string;
}) {
  const snippet = `metadata:\n  annotations:\n    ${props.annotation}: <subscription id, a GUID>`;
  return (
    <Flex direction="column" gap="2">
      <Alert
        status="info"
        icon
        title={`No Azure subscription to read the cost of this ${props.what}`}
        description={props.problem}
      />
      <Text as="p" variant="body-small" style={{ margin: 0 }}>
        The cost is read per Azure subscription. Add the annotation{' '}
        <code>{props.annotation}</code> to the {props.what}'s catalog entity:
      </Text>
      <Box
        component="pre"
        aria-label="Catalog YAML with the subscription annotation"
        sx={{
          m: 0,
          p: 1.5,
          borderRadius: 1,
          bgcolor: 'action.hover',
          fontSize: '0.8125rem',
          overflowX: 'auto',
        }}
      >
        <code>{snippet}</code>
      </Box>
    </Flex>
  );
}

/** The backend has not read anything yet: when it tried and when it tries next. */
export function PendingPanel(props: { data: CostDataAge; now: Date }) {
  return (
    <Flex direction="column" gap="2">
      <Alert
        status="info"
        icon
        title="Cost data has not been read yet"
        description={REFRESH_SCOPE}
      />
      <DataAge data={props.data} now={props.now} />
      <StaleDataWarning data={props.data} now={props.now} />
    </Flex>
  );
}

/**
 * A chart with its text alternative: to assistive technology the chart is
 * one image named by a hidden line of text carrying the numbers, which the
 * chart's own SVG (axis ticks, bars) could not say in order.
 */
export function ChartFigure(props: {
  label: string;
  summary: string;
  children: ReactNode;
  height?: number;
}) {
  const id = useId();
  return (
    <Box sx={{ width: '100%' }}>
      <VisuallyHidden id={id}>
        {props.label}. {props.summary}
      </VisuallyHidden>
      <Box
        role="img"
        aria-labelledby={id}
        sx={{ width: '100%', height: props.height, position: 'relative' }}
      >
        {props.children}
      </Box>
    </Box>
  );
}

/** A link to the Azure portal: opens in a new tab and says so. */
export function PortalLink(props: { href: string; children: ReactNode }) {
  return (
    <Link to={props.href} externalLinkIcon>
      {props.children}
    </Link>
  );
}
