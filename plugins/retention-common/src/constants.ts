import type { DrStrategy, RecoveryDeclaration } from './types';

export const RETENTION_POLICY_API_VERSION =
  'dataplatform.contoso.com/retention-policy/v1';

/**
 * Largest policy file accepted, in bytes (UTF-8). A real policy is a few KiB;
 * the limit keeps a generated or hostile file from costing the backend.
 */
export const MAX_RETENTION_POLICY_BYTES = 256 * 1024;

/** Domain annotation: recovery point objective, an ISO 8601 duration. */
export const RPO_ANNOTATION = 'dataplatform.contoso.com/rpo';
/** Domain annotation: recovery time objective, an ISO 8601 duration. */
export const RTO_ANNOTATION = 'dataplatform.contoso.com/rto';
/** Domain or data product annotation: one of DR_STRATEGIES. */
export const DR_STRATEGY_ANNOTATION = 'dataplatform.contoso.com/dr-strategy';

/** The shortest RTO each strategy can honestly deliver. */
export const DEFAULT_MINIMUM_RTO: Record<DrStrategy, string> = {
  redeploy: 'PT12H',
  'backup-restore': 'PT8H',
  'warm-spare': 'PT1H',
  'hot-spare': 'PT5M',
};

/** What a domain or data product that declares nothing is held to. */
export const DEFAULT_RECOVERY: RecoveryDeclaration = {
  rpo: 'P1DT12H',
  rto: 'PT24H',
  strategy: 'backup-restore',
};

const PAIRS: Array<[string, string]> = [
  ['westeurope', 'northeurope'],
  ['eastus', 'westus'],
  ['eastus2', 'centralus'],
  ['brazilsouth', 'southcentralus'],
  ['uksouth', 'ukwest'],
  ['francecentral', 'francesouth'],
  ['germanywestcentral', 'germanynorth'],
  ['swedencentral', 'swedensouth'],
  ['westus2', 'westcentralus'],
  ['westus3', 'eastus'],
  ['centralindia', 'southindia'],
  ['japaneast', 'japanwest'],
  ['australiaeast', 'australiasoutheast'],
  ['canadacentral', 'canadaeast'],
];

/**
 * Azure's paired regions, both directions. Azure pairs westus3 with eastus
 * one way only (eastus's own pair is westus), so the first pair listed for a
 * region wins.
 */
export const REGION_PAIRS: Record<string, string> = (() => {
  const pairs: Record<string, string> = {};
  for (const [a, b] of PAIRS) {
    pairs[a] ??= b;
    pairs[b] ??= a;
  }
  return pairs;
})();
