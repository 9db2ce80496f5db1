import { getCompoundEntityRef } from '@backstage/catalog-model';
import { Link, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  EntityInfoCard,
  useEntity,
  useEntityRefLink,
} from '@backstage/plugin-catalog-react';
import { Alert, Flex, Text } from '@backstage/ui';
import Box from '@mui/material/Box';
import {
  EntityRetentionDetail,
  Finding,
} from '@dataplatform/plugin-retention-common';
import { reasonOf, useNow, usePolledAsync } from '@dataplatform/portal-react';
import { retentionApiRef } from '../../api';
import { checkTitle, plural } from '../../lib/format';
import { nameOf, retentionTabPath } from '../../lib/refs';
import {
  AsOf,
  LastKnown,
  LoadError,
  Remediation,
  StaleMarker,
  StaleWarning,
} from '../panels';
import {
  lookOf,
  VerdictChip,
  VerdictCountChips,
  VerdictIcon,
} from '../verdicts';

/** Retention changes slowly; the backend scans every 15 minutes by default. */
const REFRESH_MS = 5 * 60_000;

/** A finding whose requirement comes from a data contract's retention. */
export function isContractFinding(finding: Finding): boolean {
  return finding.area === 'retention' && finding.source.startsWith('contract ');
}

function total(detail: EntityRetentionDetail): number {
  const c = detail.summary.counts;
  return c.violation + c['at-risk'] + c.unknown + c.compliant;
}

/** The worst finding: what it is about, required against actual, and what to do. */
function WorstFinding(props: {
  finding: Finding;
  entityRef: string;
  now: Date;
}) {
  const { finding, entityRef, now } = props;
  const look = lookOf(finding.verdict);
  const owner =
    finding.entityRef !== entityRef
      ? ` of data product ${nameOf(finding.entityRef)}`
      : '';
  return (
    <section aria-labelledby="retention-card-worst">
      <Text
        as="h3"
        variant="title-x-small"
        id="retention-card-worst"
        style={{ margin: '0 0 8px' }}
      >
        Worst finding
      </Text>
      <Box
        aria-label="Worst finding"
        role="group"
        sx={{ display: 'flex', gap: 1, alignItems: 'flex-start' }}
      >
        <Box sx={{ pt: '2px' }}>
          <VerdictIcon verdict={finding.verdict} />
        </Box>
        <Flex direction="column" gap="1" style={{ minWidth: 0 }}>
          <Text as="div" variant="body-small" weight="bold">
            {checkTitle(finding.check)}
            {finding.resourceName ? ` of ${finding.resourceName}` : ''}{' '}
            <Text as="span" variant="body-small" color="secondary">
              ({look.label.toLocaleLowerCase('en')}, {finding.categoryTitle}
              {owner})
            </Text>
          </Text>
          <Text as="div" variant="body-small">
            Required: {finding.required}
          </Text>
          <Text as="div" variant="body-small">
            Actual: {finding.actual}
          </Text>
          {finding.verdict === 'unknown' && finding.lastKnown && (
            <LastKnown lastKnown={finding.lastKnown} now={now} />
          )}
          <Text as="div" variant="body-small" color="secondary">
            {finding.reason}
          </Text>
          {(finding.remediation || finding.warning) && (
            <Remediation finding={finding} />
          )}
        </Flex>
      </Box>
    </section>
  );
}

/** Each requirement taken from a data contract, against what Azure keeps. */
function ContractFindings(props: { findings: Finding[]; now: Date }) {
  const { findings, now } = props;
  return (
    <section aria-labelledby="retention-card-contract">
      <Text
        as="h3"
        variant="title-x-small"
        id="retention-card-contract"
        style={{ margin: '0 0 8px' }}
      >
        Contract retention against Azure
      </Text>
      {findings.length === 0 ? (
        <Text as="p" variant="body-small" color="secondary">
          No contract of this data product names an Azure storage location (a
          server of type azure with an abfss:// location), so there is no
          retention to compare.
        </Text>
      ) : (
        <Box
          component="ul"
          aria-label="Contract retention against Azure"
          sx={{ listStyle: 'none', m: 0, p: 0, display: 'grid', gap: 1.5 }}
        >
          {findings.map(finding => (
            <Box
              component="li"
              key={finding.id}
              data-verdict={finding.verdict}
              sx={{ display: 'flex', gap: 1, alignItems: 'flex-start' }}
            >
              <Box sx={{ pt: '2px' }}>
                <VerdictIcon verdict={finding.verdict} />
              </Box>
              <Flex direction="column" gap="0" style={{ minWidth: 0 }}>
                <Text as="div" variant="body-small" weight="bold">
                  {checkTitle(finding.check)}
                  {finding.resourceName
                    ? ` of ${finding.resourceName}`
                    : ''}{' '}
                  <Text as="span" variant="body-small" color="secondary">
                    ({lookOf(finding.verdict).label.toLocaleLowerCase('en')})
                  </Text>
                </Text>
                <Text as="div" variant="body-small">
                  Contract requires: {finding.required}
                </Text>
                <Text as="div" variant="body-small">
                  Azure keeps: {finding.actual}
                </Text>
                {finding.verdict === 'unknown' && finding.lastKnown && (
                  <LastKnown lastKnown={finding.lastKnown} now={now} />
                )}
                <Text as="div" variant="body-x-small" color="secondary">
                  From {finding.source}
                </Text>
                {finding.verdict !== 'compliant' && (
                  <Remediation finding={finding} />
                )}
              </Flex>
            </Box>
          ))}
        </Box>
      )}
    </section>
  );
}

function CardContent(props: {
  detail: EntityRetentionDetail;
  isProduct: boolean;
  now: Date;
}) {
  const { detail, isProduct, now } = props;
  const { summary } = detail;
  const contract = isProduct ? detail.findings.filter(isContractFinding) : [];
  const worst = summary.worst;
  // On a data product the contract list already shows a contract finding.
  const showWorst =
    worst &&
    worst.verdict !== 'compliant' &&
    !(isProduct && contract.some(f => f.id === worst.id));
  const count = total(detail);

  return (
    <Flex direction="column" gap="3">
      <Flex align="center" gap="3" style={{ flexWrap: 'wrap' }}>
        <VerdictChip verdict={summary.verdict} size="large" />
        <Flex direction="column" gap="0">
          <Text as="span" variant="title-small">
            {count === 0
              ? 'No findings'
              : plural(count, 'requirement checked', 'requirements checked')}
          </Text>
          <Text as="span" variant="body-small" color="secondary">
            <AsOf evaluatedAt={summary.evaluatedAt} now={now} />
          </Text>
          {summary.stale && <StaleMarker />}
        </Flex>
      </Flex>

      {summary.stale && (
        <StaleWarning evaluatedAt={summary.evaluatedAt} now={now} />
      )}

      <VerdictCountChips counts={summary.counts} />
      {!isProduct && (summary.dataProductCount ?? 0) > 0 && (
        <Text as="p" variant="body-small" color="secondary">
          Counts include the findings of{' '}
          {plural(summary.dataProductCount ?? 0, 'data product')}.
        </Text>
      )}

      {isProduct && <ContractFindings findings={contract} now={now} />}

      {showWorst && worst && (
        <WorstFinding finding={worst} entityRef={summary.entityRef} now={now} />
      )}
      {!isProduct && count > 0 && summary.verdict === 'compliant' && (
        <Text as="p" variant="body-small">
          Every requirement is met.
        </Text>
      )}
    </Flex>
  );
}

/**
 * Retention and recovery of a domain or data product at a glance: the
 * overall verdict, findings by verdict and the worst one with what to do.
 * On a data product it compares each contract's retention with Azure.
 */
export function RetentionCard() {
  const { entity } = useEntity();
  const api = useApi(retentionApiRef);
  const now = useNow();
  const entityPath = useEntityRefLink()(entity);
  const ref = getCompoundEntityRef(entity);
  const isProduct = ref.kind.toLocaleLowerCase('en-US') === 'dataproduct';
  const { value, loading, error, retry } = usePolledAsync(
    () => api.getEntity(ref.kind, ref.namespace, ref.name),
    [api, ref.kind, ref.namespace, ref.name],
    REFRESH_MS,
  );

  let content: JSX.Element;
  if (value) {
    content = (
      <Flex direction="column" gap="3">
        {error && (
          <Alert
            status="warning"
            icon
            title="Could not refresh; showing the last result"
            description={reasonOf(error)}
          />
        )}
        <CardContent detail={value} isProduct={isProduct} now={now} />
      </Flex>
    );
  } else if (error) {
    content = (
      <LoadError
        title="Could not load the retention of this entity"
        error={error}
        onRetry={retry}
        retrying={loading}
      />
    );
  } else {
    content = <Progress />;
  }

  return (
    <EntityInfoCard
      title={isProduct ? 'Retention vs contract' : 'Retention'}
      footerActions={
        <Text as="span" variant="body-small">
          <Link to={retentionTabPath(entityPath)}>
            See every requirement and timeline in the Retention tab
          </Link>
        </Text>
      }
    >
      {content}
    </EntityInfoCard>
  );
}
