import { durationToSeconds } from '@dataplatform/plugin-data-products-common';
import {
  DR_STRATEGY_ANNOTATION,
  REGION_PAIRS,
  RPO_ANNOTATION,
  RTO_ANNOTATION,
} from '../constants';
import { counted, formatObjective, listText } from '../format';
import {
  DR_STRATEGIES,
  DR_STRATEGY_TITLES,
  GEO_REDUNDANT_SKUS,
  READ_ACCESS_SKUS,
  type DrStrategy,
  type RecoveryDeclaration,
  type RecoveryPolicy,
  type ScannedStorageAccount,
  type SubscriptionScan,
} from '../types';
import type { Draft, Findings } from './context';

/** Geo-replication lag Azure states as typical, without an SLA. */
const GEO_LAG_SECONDS = 15 * 60;

const REDUNDANCY_BLADE = '(Storage account › Data management › Redundancy)';

type Part = 'rpo' | 'rto' | 'strategy';

export interface RecoveryInput {
  entityRef: string;
  kind: 'domain' | 'data-product';
  declared: Partial<Record<Part, string>>;
  /** Where the declaration was read, e.g. `declared on domain:default/hr`. */
  source: string;
  /** Data products: the domain's strategy, used when the product declares none. */
  domain?: { ref: string; strategy?: string };
  /** The accounts holding the entity's data. */
  accounts: ScannedStorageAccount[];
  /** Where a standby could be deployed (the domain's subscription scans). */
  scans: SubscriptionScan[];
  policy: RecoveryPolicy;
}

const norm = (region: string | undefined) =>
  region?.toLowerCase().replace(/\s+/g, '');

const isGeo = (sku: string) =>
  (GEO_REDUNDANT_SKUS as readonly string[]).some(
    s => s.toLowerCase() === sku.toLowerCase(),
  );
const isReadAccess = (sku: string) =>
  (READ_ACCESS_SKUS as readonly string[]).some(
    s => s.toLowerCase() === sku.toLowerCase(),
  );

/** `backup and restore`: strategy titles inside a sentence. */
const strategyWords = (s: DrStrategy) =>
  DR_STRATEGY_TITLES[s].charAt(0).toLowerCase() +
  DR_STRATEGY_TITLES[s].slice(1);
const capitalized = (text: string) =>
  text.charAt(0).toUpperCase() + text.slice(1);

const validDuration = (text: string | undefined) => {
  if (typeof text !== 'string') return undefined;
  const seconds = durationToSeconds(text.trim());
  return seconds !== undefined && seconds > 0 ? seconds : undefined;
};

/** The SKU to move to: the geo-redundant (or read-access) variant of the current one. */
function targetSku(sku: string, readAccess: boolean): string {
  const zoned = /zrs$/i.test(sku) || /^Standard_LRS$/i.test(sku);
  if (readAccess) {
    return /gzrs$/i.test(sku) || zoned ? 'Standard_RAGZRS' : 'Standard_RAGRS';
  }
  return /grs$/i.test(sku) && !/gzrs$/i.test(sku)
    ? 'Standard_GRS'
    : 'Standard_GZRS';
}

/**
 * Resolves the declaration (own values, then the domain's strategy, then
 * the policy defaults) and checks it against the storage accounts: their
 * redundancy, their secondary region, a standby in the paired region, and
 * whether the RTO and RPO are achievable with the strategy.
 */
export function evaluateRecovery(
  input: RecoveryInput,
  out: Findings,
): RecoveryDeclaration & { source: string } {
  const { entityRef, policy } = input;
  const field: Record<Part, string> =
    input.kind === 'domain'
      ? {
          rpo: `annotation ${RPO_ANNOTATION} on ${entityRef}`,
          rto: `annotation ${RTO_ANNOTATION} on ${entityRef}`,
          strategy: `annotation ${DR_STRATEGY_ANNOTATION} on ${entityRef}`,
        }
      : {
          rpo: `spec.sla.rpo of ${entityRef}`,
          rto: `spec.sla.rto of ${entityRef}`,
          strategy: `annotation ${DR_STRATEGY_ANNOTATION} on ${entityRef}`,
        };

  const base = {
    area: 'recovery' as const,
    category: 'recovery',
    categoryTitle: 'Recovery',
  };
  const invalid: Partial<Record<Part, Draft>> = {};
  const fromOwn: Part[] = [];
  const fromDefault: Part[] = [];
  let strategyFromDomain = false;

  const pick = (part: 'rpo' | 'rto'): string => {
    const value = input.declared[part];
    if (value === undefined || value === '') {
      fromDefault.push(part);
      return policy.defaults[part];
    }
    if (validDuration(value) === undefined) {
      const example = policy.defaults[part];
      invalid[part] = {
        ...base,
        check: part,
        verdict: 'unknown',
        required: `an ISO 8601 duration such as ${example}`,
        actual: `'${value}' (not a duration)`,
        reason: `The ${part.toUpperCase()} cannot be checked: ${
          field[part]
        } is '${value}', but it must be an ISO 8601 duration greater than zero, e.g. ${example}.`,
        remediation: `Set ${field[part]} to an ISO 8601 duration such as ${example}.`,
        source: input.source,
      };
      fromDefault.push(part);
      return policy.defaults[part];
    }
    fromOwn.push(part);
    return value.trim();
  };
  const rpo = pick('rpo');
  const rto = pick('rto');

  let strategy: DrStrategy = policy.defaults.strategy;
  const ownStrategy = input.declared.strategy;
  const domainStrategy = input.domain?.strategy;
  let written: { value: string; at: string; own: boolean } | undefined;
  if (ownStrategy !== undefined && ownStrategy !== '') {
    written = { value: ownStrategy, at: field.strategy, own: true };
  } else if (domainStrategy !== undefined && domainStrategy !== '') {
    written = {
      value: domainStrategy,
      at: `annotation ${DR_STRATEGY_ANNOTATION} on ${input.domain!.ref}`,
      own: false,
    };
  }
  if (written) {
    const value = written.value.trim();
    if ((DR_STRATEGIES as readonly string[]).includes(value)) {
      strategy = value as DrStrategy;
      if (written.own) fromOwn.push('strategy');
      else strategyFromDomain = true;
    } else {
      invalid.strategy = {
        ...base,
        check: 'replication',
        verdict: 'unknown',
        required: `a strategy: ${DR_STRATEGIES.join(', ')}`,
        actual: `'${written.value}' (not a strategy)`,
        reason: `Recovery cannot be checked: ${written.at} is '${
          written.value
        }', but it must be one of ${DR_STRATEGIES.join(', ')}.`,
        remediation: `Set ${written.at} to one of ${DR_STRATEGIES.join(', ')}.`,
        source: written.own ? input.source : `declared on ${input.domain!.ref}`,
      };
      fromDefault.push('strategy');
    }
  } else {
    fromDefault.push('strategy');
  }

  const sourceParts: string[] = [];
  if (fromOwn.length === 3) sourceParts.push(input.source);
  else if (fromOwn.length > 0) {
    sourceParts.push(`${input.source} (${fromOwn.join(', ')})`);
  }
  if (strategyFromDomain)
    sourceParts.push(`strategy from ${input.domain!.ref}`);
  if (fromDefault.length === 3) sourceParts.push('platform default');
  else if (fromDefault.length > 0) {
    sourceParts.push(`platform default (${fromDefault.join(', ')})`);
  }
  const source = sourceParts.join('; ');
  const declaration = { rpo, rto, strategy, source };

  // Every check depends on the strategy: one finding says why none can be made.
  if (invalid.strategy) {
    out.add(invalid.strategy);
    return declaration;
  }

  const title = strategyWords(strategy);
  const accounts = input.accounts;

  for (const account of accounts) {
    out.add({
      ...base,
      source,
      ...judgeReplication(account, strategy, title),
    });
  }

  for (const account of accounts.filter(a => isGeo(a.skuName))) {
    out.add({ ...base, source, ...judgeSecondary(account) });
  }

  if (strategy === 'warm-spare' || strategy === 'hot-spare') {
    out.add({
      ...base,
      source,
      ...judgeStandby(entityRef, accounts, input.scans, title),
    });
  }

  if (invalid.rto) out.add(invalid.rto);
  else {
    out.add({
      ...base,
      source,
      ...judgeRto(rto, strategy, policy, title, field.rto, entityRef),
    });
  }

  if (invalid.rpo) out.add(invalid.rpo);
  else {
    out.add({
      ...base,
      source,
      ...judgeRpo(rpo, strategy, accounts, field.rpo, entityRef),
    });
  }
  return declaration;
}

type RecoveryJudgement = Omit<
  Draft,
  'area' | 'category' | 'categoryTitle' | 'source'
>;

function judgeReplication(
  account: ScannedStorageAccount,
  strategy: DrStrategy,
  title: string,
): RecoveryJudgement {
  const resource = {
    check: 'replication' as const,
    resourceId: account.id,
    resourceName: account.name,
    actual: account.skuName,
  };
  if (strategy === 'redeploy') {
    return {
      ...resource,
      verdict: 'compliant',
      required:
        'any redundancy (redeploy re-derives the data from its sources)',
      reason: `With the redeploy strategy the data of ${account.name} is re-derived from its sources after a disaster, so any redundancy will do.`,
    };
  }
  const readAccess = strategy === 'hot-spare';
  const required = readAccess
    ? 'geo-redundant with read access (RA-GRS or RA-GZRS)'
    : 'geo-redundant (GRS, RA-GRS, GZRS or RA-GZRS)';
  const ok = readAccess
    ? isReadAccess(account.skuName)
    : isGeo(account.skuName);
  if (ok) {
    return {
      ...resource,
      verdict: 'compliant',
      required,
      reason: `${account.name} is ${account.skuName}, ${
        readAccess
          ? 'with a readable copy in its secondary region'
          : 'with a copy in its secondary region'
      }, as ${title} needs.`,
    };
  }
  const target = targetSku(account.skuName, readAccess);
  return {
    ...resource,
    verdict: 'violation',
    required,
    reason:
      readAccess && isGeo(account.skuName)
        ? `${account.name} is ${account.skuName}: its secondary copy cannot be read until a failover, but ${title} serves from both regions.`
        : `${account.name} is ${account.skuName}: its data has no copy outside ${account.location}, which ${title} needs.`,
    remediation: `Change the redundancy of ${account.name} from ${account.skuName} to ${target} ${REDUNDANCY_BLADE}.`,
  };
}

function judgeSecondary(account: ScannedStorageAccount): RecoveryJudgement {
  const primary = norm(account.location)!;
  const pair = REGION_PAIRS[primary];
  const secondary = norm(account.secondaryLocation);
  const resource = {
    check: 'secondary-region' as const,
    resourceId: account.id,
    resourceName: account.name,
    required: pair
      ? `secondary in ${pair} (the paired region of ${primary})`
      : `secondary in the paired region of ${primary}`,
  };
  if (!pair) {
    return {
      ...resource,
      verdict: 'unknown',
      actual: secondary ? `secondary in ${secondary}` : 'no secondary reported',
      reason: `The platform knows no paired region for ${primary}, so the secondary region of ${account.name} cannot be checked.`,
    };
  }
  if (!secondary) {
    return {
      ...resource,
      verdict: 'unknown',
      actual: 'no secondary reported',
      reason: `Azure reported no secondary region for ${account.name} although it is ${account.skuName}.`,
    };
  }
  if (secondary !== pair) {
    return {
      ...resource,
      verdict: 'violation',
      actual: `secondary in ${secondary}`,
      reason: `The secondary region of ${account.name} is ${secondary}, not ${pair}, the paired region of ${primary}: a regional disaster may hit both or recovery may not be prioritised.`,
      remediation: `Move the data of ${account.name} to a new geo-redundant account in ${primary}, whose secondary Azure places in ${pair}, and retire ${account.name} (Storage account › Data management › Redundancy shows an account's secondary region).`,
    };
  }
  if (account.statusOfSecondary === 'unavailable') {
    return {
      ...resource,
      verdict: 'at-risk',
      actual: `secondary in ${secondary}, unavailable`,
      reason: `The secondary region ${secondary} of ${account.name} is unavailable: until it is back, a regional outage in ${primary} would leave no copy to fail over to.`,
      remediation: `Follow the outage of ${secondary} in Azure Service Health; until the secondary of ${account.name} is available again, keep a recent copy of critical data in another region.`,
    };
  }
  return {
    ...resource,
    verdict: 'compliant',
    actual: `secondary in ${secondary}, available`,
    reason: `${account.name} replicates to ${secondary}, the paired region of ${primary}, and the secondary is available.`,
  };
}

/** The region most of the accounts are in; ties go to the alphabetically first. */
function primaryRegion(accounts: ScannedStorageAccount[]): string | undefined {
  const counts = new Map<string, number>();
  for (const a of accounts) {
    const r = norm(a.location)!;
    counts.set(r, (counts.get(r) ?? 0) + 1);
  }
  return [...counts.entries()].sort(
    ([a, x], [b, y]) => y - x || (a < b ? -1 : 1),
  )[0]?.[0];
}

function judgeStandby(
  entityRef: string,
  accounts: ScannedStorageAccount[],
  scans: SubscriptionScan[],
  title: string,
): RecoveryJudgement {
  const primary = primaryRegion(accounts);
  const check = 'secondary-region' as const;
  if (!primary) {
    return {
      check,
      verdict: 'unknown',
      required: 'a standby in the paired region',
      actual: 'no storage account',
      reason: `No storage account holds data of ${entityRef}, so its primary region, and the paired region a standby for ${title} belongs in, are unknown.`,
    };
  }
  const pair = REGION_PAIRS[primary];
  const required = `a standby in ${
    pair ?? 'the paired region'
  } (paired with ${primary})`;
  if (!pair) {
    return {
      check,
      verdict: 'unknown',
      required,
      actual: `primary region ${primary}`,
      reason: `The platform knows no paired region for ${primary}, so the standby ${title} needs cannot be looked for.`,
    };
  }
  const standby = [
    ...scans.flatMap(s => s.storageAccounts ?? []),
    ...scans.flatMap(s => s.workspaces ?? []),
  ].filter(r => norm(r.location) === pair);
  if (standby.length > 0) {
    return {
      check,
      verdict: 'compliant',
      required,
      actual: `${listText(standby.map(s => s.name))} in ${pair}`,
      reason: `${capitalized(
        title,
      )} needs a standby in ${pair}, the paired region of ${primary}: ${listText(
        standby.map(s => s.name),
      )} ${standby.length === 1 ? 'is' : 'are'} deployed there.`,
    };
  }
  return {
    check,
    verdict: 'violation',
    required,
    actual: `nothing deployed in ${pair}`,
    reason: `${capitalized(
      title,
    )} needs a standby in the paired region, but there is no standby deployed in ${pair}: no storage account or workspace of the subscription is there (primary region ${primary}).`,
    remediation: `Deploy the standby of ${entityRef} in ${pair}, the paired region of ${primary}: the storage accounts and workspaces a failover would use.`,
  };
}

function judgeRto(
  rto: string,
  strategy: DrStrategy,
  policy: RecoveryPolicy,
  title: string,
  rtoField: string,
  entityRef: string,
): RecoveryJudgement {
  const minimum = policy.minimumRto[strategy];
  const rtoSeconds = durationToSeconds(rto)!;
  const minSeconds = durationToSeconds(minimum) ?? 0;
  const base = {
    check: 'rto' as const,
    required: `RTO ≥ ${formatObjective(
      minimum,
    )} (the platform's minimum for ${title})`,
    actual: `RTO ${formatObjective(rto)}`,
  };
  if (rtoSeconds >= minSeconds) {
    return {
      ...base,
      verdict: 'compliant',
      reason: `${capitalized(title)} can be back within ${formatObjective(
        rto,
      )}; the platform counts ${formatObjective(minimum)}.`,
    };
  }
  // The slowest strategy that still meets the declared RTO is the cheapest way to keep it.
  const faster = DR_STRATEGIES.map(s => ({
    s,
    seconds: durationToSeconds(policy.minimumRto[s]) ?? Infinity,
  }))
    .filter(x => x.seconds <= rtoSeconds)
    .sort((a, b) => b.seconds - a.seconds)[0];
  return {
    ...base,
    verdict: 'violation',
    reason: `The declared RTO cannot be met: ${title} cannot be back within ${formatObjective(
      rto,
    )}; the platform counts ${formatObjective(minimum)}.`,
    remediation: `Raise the RTO of ${entityRef} to at least ${minimum} (${rtoField})${
      faster
        ? `, or adopt the ${
            faster.s
          } strategy, which can be back within ${formatObjective(
            policy.minimumRto[faster.s],
          )}`
        : ''
    }.`,
  };
}

function judgeRpo(
  rpo: string,
  strategy: DrStrategy,
  accounts: ScannedStorageAccount[],
  rpoField: string,
  entityRef: string,
): RecoveryJudgement {
  const base = {
    check: 'rpo' as const,
    required: `RPO ${formatObjective(rpo)}`,
  };
  if (strategy === 'redeploy') {
    return {
      ...base,
      verdict: 'compliant',
      actual: 're-derived from sources',
      reason:
        'With the redeploy strategy data is re-derived from its sources after a disaster, so the RPO does not depend on replication.',
    };
  }
  const local = accounts.filter(a => !isGeo(a.skuName));
  if (local.length > 0) {
    const names = local.map(a => a.name);
    const regions = [...new Set(local.map(a => norm(a.location)!))];
    return {
      ...base,
      verdict: 'violation',
      actual: `${listText(names)} not geo-redundant`,
      reason: `${listText(
        local.map(a => `${a.name} is ${a.skuName}`),
      )}: a regional outage loses data written since the last copy outside ${listText(
        regions,
      )}.`,
      remediation: `Make ${listText(
        names,
      )} geo-redundant, e.g. Standard_GZRS ${REDUNDANCY_BLADE}.`,
    };
  }
  const rpoSeconds = durationToSeconds(rpo)!;
  const replicated =
    accounts.length > 0
      ? `${counted(accounts.length, 'storage account')} geo-redundant`
      : 'no storage account';
  if (rpoSeconds < GEO_LAG_SECONDS) {
    return {
      ...base,
      verdict: 'at-risk',
      actual: replicated,
      reason: `The RPO is ${formatObjective(
        rpo,
      )}, but geo-replication usually lags under 15 minutes and has no SLA.`,
      remediation: `Declare an RPO of at least PT15M on ${entityRef} (${rpoField}), unless the application replicates its data synchronously itself.`,
    };
  }
  return {
    ...base,
    verdict: 'compliant',
    actual: replicated,
    reason:
      accounts.length > 0
        ? `Every storage account is geo-redundant, and geo-replication usually lags under 15 minutes, within the RPO of ${formatObjective(
            rpo,
          )}.`
        : `No storage account holds data of ${entityRef}, so none can lose data to a regional outage.`,
  };
}
