import { RootConfigService } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';

export const DEFAULT_DOMAIN_TEMPLATE_REF =
  'template:default/provision-data-domain';
export const DEFAULT_LEASE_CHECK_MINUTES = 5;
export const DEFAULT_PLATFORM_TEAM = 'group:default/platform-team';

export interface ProvisioningConfig {
  /** The scaffolder template that provisions an approved domain request. */
  domainTemplateRef: string;
  /** How often the sandbox lease task runs. */
  leaseCheckMinutes: number;
  /** Entity ref of the platform team's group: approvers, and notified of new requests. */
  platformTeam: string;
}

function entityRef(
  config: RootConfigService,
  key: string,
  fallback: string,
  kind: string,
) {
  const value = config.getOptionalString(key) ?? fallback;
  try {
    const ref = parseEntityRef(value, {
      defaultKind: kind,
      defaultNamespace: 'default',
    });
    if (ref.kind.toLowerCase() !== kind) throw new Error(`not a ${kind}`);
    return stringifyEntityRef(ref);
  } catch {
    throw new Error(
      `${key} must be a ${kind} entity ref such as ${fallback}, got '${value}'`,
    );
  }
}

/** Reads `dataplatform.provisioning` (and the platform team), refusing bad values by key. */
export function readProvisioningConfig(
  config: RootConfigService,
): ProvisioningConfig {
  const minutesKey = 'dataplatform.provisioning.leaseCheckMinutes';
  const leaseCheckMinutes =
    config.getOptionalNumber(minutesKey) ?? DEFAULT_LEASE_CHECK_MINUTES;
  if (!(leaseCheckMinutes > 0)) {
    throw new Error(
      `${minutesKey} must be a number of minutes above 0, got ${leaseCheckMinutes}`,
    );
  }
  return {
    domainTemplateRef: entityRef(
      config,
      'dataplatform.provisioning.domainTemplateRef',
      DEFAULT_DOMAIN_TEMPLATE_REF,
      'template',
    ),
    leaseCheckMinutes,
    platformTeam: entityRef(
      config,
      'dataplatform.permissions.platformTeam',
      DEFAULT_PLATFORM_TEAM,
      'group',
    ),
  };
}
