import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/frontend-plugin-api';
import {
  EntityInfoCard,
  EntityRefLink,
  useEntity,
} from '@backstage/plugin-catalog-react';
import Typography from '@mui/material/Typography';
import { AZURE_SUBSCRIPTION_ID_ANNOTATION } from '@dataplatform/plugin-azure-common';
import {
  findRegion,
  PROVISIONING_ANNOTATIONS,
  RECOVERY_TIERS,
  RecoveryTier,
} from '@dataplatform/plugin-provisioning-common';
import { formatDateTime, useNow } from '@dataplatform/portal-react';
import { azurePortalResourceUrl, resourceName } from '../../lib/azure';
import {
  formatAmount,
  formatHours,
  formatRelativeTime,
} from '../../lib/format';
import { domainRequestRouteRef } from '../../routes';
import { Fact, Facts } from '../Facts';

function isRecoveryTier(value: string | undefined): value is RecoveryTier {
  return !!value && Object.prototype.hasOwnProperty.call(RECOVERY_TIERS, value);
}

/**
 * How a domain came to be: who approved it and when, and what was set up.
 * Everything is read from the entity's annotations, so it shows even when
 * the provisioning backend is down.
 */
export function DomainProvisioningCard() {
  const { entity } = useEntity();
  const now = useNow(60_000);
  const requestLink = useRouteRef(domainRequestRouteRef);
  const annotations = entity.metadata.annotations ?? {};
  const read = (key: keyof typeof PROVISIONING_ANNOTATIONS) => {
    const value = annotations[PROVISIONING_ANNOTATIONS[key]]?.trim();
    return value ? value : undefined;
  };

  const requestId = read('domainRequestId');
  const approvedBy = read('approvedBy');
  const approvedAt = read('approvedAt');
  const requestedBy = read('requestedBy');
  const regionName = read('primaryRegion');
  const tierName = read('recoveryTier');
  const budget = read('monthlyBudget');
  const workspaceId = read('workspaceResourceId');
  const subscriptionId = annotations[AZURE_SUBSCRIPTION_ID_ANNOTATION]?.trim();
  const region = regionName ? findRegion(regionName) : undefined;
  const tier = isRecoveryTier(tierName) ? RECOVERY_TIERS[tierName] : undefined;
  const budgetAmount = budget === undefined ? NaN : Number(budget);

  return (
    <EntityInfoCard title="Provisioning">
      <Facts label="How this domain was provisioned">
        <Fact label="Subscription">
          {subscriptionId && (
            <Link
              to={azurePortalResourceUrl(`/subscriptions/${subscriptionId}`)}
              target="_blank"
              rel="noopener noreferrer"
              title="Open the subscription in the Azure portal"
            >
              <code>{subscriptionId}</code>
            </Link>
          )}
        </Fact>
        <Fact label="Approved by">
          {approvedBy && (
            <EntityRefLink entityRef={approvedBy} defaultKind="user" />
          )}
        </Fact>
        <Fact label="Approved">
          {approvedAt && (
            <time dateTime={approvedAt}>
              {formatRelativeTime(approvedAt, now)} (
              {formatDateTime(approvedAt)})
            </time>
          )}
        </Fact>
        <Fact label="Requested by">
          {requestedBy && (
            <EntityRefLink entityRef={requestedBy} defaultKind="user" />
          )}
        </Fact>
        <Fact label="Request">
          {requestId &&
            (requestLink ? (
              <Link to={requestLink({ id: requestId })}>
                See the request and its decision
              </Link>
            ) : (
              <code>{requestId}</code>
            ))}
        </Fact>
        <Fact label="Primary region">
          {regionName &&
            (region ? `${region.displayName} (${regionName})` : regionName)}
        </Fact>
        <Fact label="Recovery tier">
          {tierName &&
            (tier ? (
              <>
                {tier.label}
                <Typography variant="body2" color="text.secondary">
                  RPO {formatHours(tier.rpoHours)}, RTO{' '}
                  {formatHours(tier.rtoHours)}
                </Typography>
              </>
            ) : (
              tierName
            ))}
        </Fact>
        <Fact label="Monthly budget">
          {budget &&
            (Number.isFinite(budgetAmount)
              ? `${formatAmount(budgetAmount)} per month`
              : budget)}
        </Fact>
        <Fact label="Log Analytics workspace">
          {workspaceId && (
            <Link
              to={azurePortalResourceUrl(workspaceId)}
              target="_blank"
              rel="noopener noreferrer"
              title="Open the workspace in the Azure portal"
            >
              {resourceName(workspaceId)}
            </Link>
          )}
        </Fact>
      </Facts>
    </EntityInfoCard>
  );
}
