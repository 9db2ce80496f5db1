import { ReactNode, useState } from 'react';
import { getCompoundEntityRef } from '@backstage/catalog-model';
import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  Alert,
  Button,
  Card,
  CardBody,
  Container,
  Flex,
  Text,
} from '@backstage/ui';
import Box from '@mui/material/Box';
import {
  DR_STRATEGY_TITLES,
  DrStrategy,
  EntityRetentionDetail,
  Finding,
} from '@dataplatform/plugin-retention-common';
import { formatDuration } from '@dataplatform/plugin-data-products-common';
import { reasonOf, useNow, usePolledAsync } from '@dataplatform/portal-react';
import { retentionApiRef } from '../../api';
import { plural } from '../../lib/format';
import { sortFindings } from '../../lib/verdicts';
import { FindingsTable } from '../FindingsTable';
import { AsOf, LoadError, StaleWarning } from '../panels';
import { VerdictChip, VerdictCountChips } from '../verdicts';
import { DataProductsTable } from './DataProductsTable';
import { TimelineBar, TimelineLegend } from './TimelineBar';

/** Retention changes slowly; the backend scans every 15 minutes by default. */
const REFRESH_MS = 5 * 60_000;

function Section(props: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={props.id}>
      <Flex direction="column" gap="2">
        <Text as="h3" variant="title-small" id={props.id} style={{ margin: 0 }}>
          {props.title}
        </Text>
        {props.children}
      </Flex>
    </section>
  );
}

function Empty(props: { children: ReactNode }) {
  return (
    <Text as="p" variant="body-small" color="secondary" style={{ margin: 0 }}>
      {props.children}
    </Text>
  );
}

/**
 * What needs attention in full, and the compliant findings behind a
 * button: on a healthy domain they are most of the list and hid the few
 * that are not.
 */
function AreaFindings(props: {
  /** Worst first. */
  findings: Finding[];
  label: string;
  /** "retention finding", "recovery finding". */
  noun: string;
  id: string;
  now: Date;
}) {
  const { findings, label, noun, id, now } = props;
  const [showCompliant, setShowCompliant] = useState(false);
  const attention = findings.filter(f => f.verdict !== 'compliant');
  const compliant = findings.filter(f => f.verdict === 'compliant');
  const shown = showCompliant ? [...attention, ...compliant] : attention;
  const count = plural(compliant.length, `compliant ${noun}`);
  return (
    <Flex direction="column" gap="2" align="start">
      {attention.length === 0 && (
        <Empty>
          Nothing to act on:{' '}
          {compliant.length === 1
            ? `the one ${noun} is compliant.`
            : `all ${plural(compliant.length, noun)} are compliant.`}
        </Empty>
      )}
      {shown.length > 0 && (
        <Box sx={{ width: '100%', minWidth: 0 }}>
          <FindingsTable id={id} findings={shown} label={label} now={now} />
        </Box>
      )}
      {compliant.length > 0 && (
        <Button
          variant="secondary"
          size="small"
          aria-expanded={showCompliant}
          aria-controls={shown.length > 0 ? id : undefined}
          onPress={() => setShowCompliant(!showCompliant)}
        >
          {showCompliant ? `Hide ${count}` : `Show ${count}`}
        </Button>
      )}
    </Flex>
  );
}

/** "1 day 12 hours (P1DT12H)": the duration in words, as declared. */
function Duration(props: { value: string }) {
  const words = formatDuration(props.value);
  return (
    <>
      {words}
      {words !== props.value && (
        <Box component="span" sx={{ color: 'text.secondary' }}>
          {' '}
          ({props.value})
        </Box>
      )}
    </>
  );
}

function Recovery(props: { detail: EntityRetentionDetail; now: Date }) {
  const { detail, now } = props;
  const { recovery } = detail;
  const findings = sortFindings(
    detail.findings.filter(f => f.area === 'recovery'),
  );
  return (
    <Section id="retention-recovery" title="Recovery">
      {recovery ? (
        <Box
          component="dl"
          aria-label="Recovery declaration"
          sx={{
            display: 'grid',
            gridTemplateColumns: 'max-content minmax(160px, 1fr)',
            columnGap: 2,
            rowGap: 0.5,
            m: 0,
            fontSize: '0.875rem',
            '& > dt': { fontWeight: 600 },
            '& > dd': { m: 0 },
          }}
        >
          <dt>Recovery point objective (RPO)</dt>
          <dd>
            <Duration value={recovery.rpo} />
          </dd>
          <dt>Recovery time objective (RTO)</dt>
          <dd>
            <Duration value={recovery.rto} />
          </dd>
          <dt>Strategy</dt>
          <dd>
            {DR_STRATEGY_TITLES[recovery.strategy as DrStrategy] ??
              recovery.strategy}
          </dd>
          <dt>Declared by</dt>
          <dd>{recovery.source}</dd>
        </Box>
      ) : (
        <Empty>No recovery declaration was evaluated for this entity.</Empty>
      )}
      {findings.length > 0 ? (
        <AreaFindings
          findings={findings}
          label="Recovery findings"
          noun="recovery finding"
          id="retention-recovery-findings"
          now={now}
        />
      ) : (
        <Empty>
          No recovery findings: no storage account of this entity was found.
        </Empty>
      )}
    </Section>
  );
}

function TabContent(props: {
  detail: EntityRetentionDetail;
  isDomain: boolean;
  now: Date;
}) {
  const { detail, isDomain, now } = props;
  const { summary } = detail;
  const retention = sortFindings(
    detail.findings.filter(f => f.area === 'retention'),
  );
  const recoveryCount = detail.findings.length - retention.length;
  const products = detail.dataProducts ?? [];
  const title = summary.title ?? summary.entityRef;

  return (
    <Flex direction="column" gap="4">
      {summary.stale && (
        <StaleWarning evaluatedAt={summary.evaluatedAt} now={now} />
      )}
      <Card>
        <CardBody>
          <Flex direction="column" gap="2">
            <Text as="h2" variant="title-medium" style={{ margin: 0 }}>
              Retention of {title}
            </Text>
            <Flex align="center" gap="3" style={{ flexWrap: 'wrap' }}>
              <VerdictChip verdict={summary.verdict} size="large" />
              <VerdictCountChips counts={summary.counts} />
            </Flex>
            <Text as="p" variant="body-small" style={{ margin: 0 }}>
              {plural(retention.length, 'retention finding')} and{' '}
              {plural(recoveryCount, 'recovery finding')} of this{' '}
              {isDomain ? 'domain' : 'data product'}
              {isDomain && products.length > 0
                ? `; the counts include its ${plural(
                    products.length,
                    'data product',
                  )}`
                : ''}
              .
            </Text>
            <Text as="span" variant="body-small" color="secondary">
              <AsOf evaluatedAt={summary.evaluatedAt} now={now} />
            </Text>
          </Flex>
        </CardBody>
      </Card>

      <Section id="retention-timelines" title="How long data is kept">
        {detail.timelines.length === 0 ? (
          <Empty>
            No timelines: none of the tables or containers the retention policy
            names were found for this {isDomain ? 'domain' : 'data product'}.
          </Empty>
        ) : (
          <>
            <TimelineLegend timelines={detail.timelines} />
            <Box
              component="ul"
              aria-label="Timelines"
              sx={{ listStyle: 'none', m: 0, p: 0, display: 'grid', gap: 2 }}
            >
              {detail.timelines.map(t => (
                <li key={`${t.category}|${t.resourceId ?? t.resourceName}`}>
                  <TimelineBar timeline={t} />
                </li>
              ))}
            </Box>
          </>
        )}
      </Section>

      <Section id="retention-findings" title="Retention findings">
        {retention.length === 0 ? (
          <Empty>
            No retention findings: no category of the policy applies to a
            resource of this {isDomain ? 'domain' : 'data product'}
            {isDomain ? '' : ', or its contracts name no Azure location'}.
          </Empty>
        ) : (
          <AreaFindings
            findings={retention}
            label="Retention findings"
            noun="retention finding"
            id="retention-retention-findings"
            now={now}
          />
        )}
      </Section>

      <Recovery detail={detail} now={now} />

      {isDomain && (
        <Section id="retention-data-products" title="Data products">
          {products.length === 0 ? (
            <Empty>This domain has no evaluated data products.</Empty>
          ) : (
            <DataProductsTable items={products} now={now} />
          )}
        </Section>
      )}
    </Flex>
  );
}

/**
 * The "Retention" tab of a domain or data product: the verdict and counts,
 * a timeline per data category and resource against what is required,
 * the findings that need attention with what to do (compliant ones on
 * request), the recovery declaration and its findings, and (domains) the
 * data products.
 */
export function RetentionTab() {
  const { entity } = useEntity();
  const api = useApi(retentionApiRef);
  const now = useNow();
  const ref = getCompoundEntityRef(entity);
  const detail = usePolledAsync(
    () => api.getEntity(ref.kind, ref.namespace, ref.name),
    [api, ref.kind, ref.namespace, ref.name],
    REFRESH_MS,
  );

  let content: JSX.Element;
  if (detail.value) {
    content = (
      <Flex direction="column" gap="3">
        {detail.error && (
          <Alert
            status="warning"
            icon
            title="Could not refresh; showing the last result"
            description={reasonOf(detail.error)}
          />
        )}
        <TabContent
          detail={detail.value}
          // From the entity shown, not the answer: the page is about it.
          isDomain={ref.kind.toLocaleLowerCase('en-US') === 'domain'}
          now={now}
        />
      </Flex>
    );
  } else if (detail.error) {
    content = (
      <LoadError
        title="Could not load the retention of this entity"
        error={detail.error}
        onRetry={detail.retry}
        retrying={detail.loading}
      />
    );
  } else {
    content = <Progress />;
  }
  return <Container my="4">{content}</Container>;
}
