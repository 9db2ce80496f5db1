import { contractRetentionDays, parseAbfssLocation } from '../contracts';
import { formatDays } from '../format';
import { locationOfCategory } from '../policy/requirements';
import type {
  CategoryTimeline,
  Finding,
  RecoveryDeclaration,
  ScannedStorageAccount,
} from '../types';
import { sortFindings } from '../verdicts';
import {
  judgeImmutability,
  judgeTotal,
  blobSegments,
  evaluateContainers,
  lifecycleUnknown,
  type BlobScope,
  type Judgement,
} from './blob';
import {
  type DataProductInput,
  type DomainInput,
  type EvaluationContext,
  Findings,
  requirementsOf,
  withLastKnown,
} from './context';
import { evaluateTables } from './logAnalytics';
import { evaluateRecovery } from './recovery';

export type { DataProductInput, DomainInput, EvaluationContext };

export interface EvaluationResult {
  /** Sorted worst first. */
  findings: Finding[];
  timelines: CategoryTimeline[];
  recovery: RecoveryDeclaration & { source: string };
}

/**
 * A domain's findings: every category of the policy (with the domain's
 * overrides) against the tables and containers of its subscription scans,
 * and its recovery declaration against its storage accounts.
 */
export function evaluateDomain(
  input: DomainInput,
  ctx: EvaluationContext,
): EvaluationResult {
  const out = new Findings(input.entityRef, ctx.tenantId);
  for (const requirement of requirementsOf(ctx.policy, input.name, ctx.now)) {
    const location = locationOfCategory(requirement.category);
    if (location === 'log-analytics') {
      evaluateTables(requirement, input.scans, out);
    } else if (location === 'blob') {
      evaluateContainers(requirement, input.scans, out);
    }
  }
  const recovery = evaluateRecovery(
    {
      entityRef: input.entityRef,
      kind: 'domain',
      declared: input.recovery.declared,
      source: input.recovery.source,
      accounts: input.scans.flatMap(s => s.storageAccounts ?? []),
      scans: input.scans,
      policy: ctx.policy.spec.recovery,
    },
    out,
  );
  return finish(out, ctx, recovery);
}

/** Days each retention class of a data product promises; short-term promises no minimum. */
const RETENTION_CLASS_DAYS: Record<string, number | undefined> = {
  'short-term': undefined,
  standard: 730,
  regulatory: 2555,
  audit: 3650,
};

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** The contract's Azure Data Lake locations: servers with `type: azure` and an abfss location. */
function azureLocations(servers: unknown) {
  if (!Array.isArray(servers)) return [];
  return Array.from(servers as ArrayLike<unknown>).flatMap(server => {
    if (
      !isObject(server) ||
      typeof server.type !== 'string' ||
      server.type.toLowerCase() !== 'azure' ||
      typeof server.location !== 'string'
    ) {
      return [];
    }
    const parsed = parseAbfssLocation(server.location);
    return parsed ? [{ ...parsed, location: server.location }] : [];
  });
}

/**
 * A data product's findings: what each output port's contract promises
 * (retention, and immutability for the audit class) against the storage
 * accounts its locations name, and its recovery declaration against them.
 */
export function evaluateDataProduct(
  input: DataProductInput,
  ctx: EvaluationContext,
): EvaluationResult {
  const out = new Findings(input.entityRef, ctx.tenantId);
  const allAccounts = input.domainScans.flatMap(s => s.storageAccounts ?? []);
  const used = new Map<string, ScannedStorageAccount>();
  const cls = input.retentionClass;

  for (const contract of input.contracts) {
    const locations = azureLocations(contract.servers);
    const promised = contractRetentionDays(contract.slaProperties);
    const days =
      promised?.days ??
      (cls !== undefined ? RETENTION_CLASS_DAYS[cls] : undefined);
    const audit = cls === 'audit';
    const category = contract.ref;
    const common = {
      area: 'retention' as const,
      category,
      categoryTitle: `Retention promised by ${contract.ref}`,
      source: promised
        ? `contract ${contract.ref}`
        : `contract ${contract.ref} (retention class ${cls})`,
    };
    const promise = promised
      ? ` ${contract.ref} promises ${promised.text}.`
      : ` ${
          contract.ref
        } states no retention; the retention class ${cls} means ${
          days !== undefined ? formatDays(days) : 'no minimum'
        }.`;
    const total =
      days !== undefined
        ? {
            ...common,
            check: 'total-retention' as const,
            required: `≥ ${formatDays(days)}`,
            requiredDays: days,
          }
        : undefined;
    const immutability = audit
      ? {
          ...common,
          check: 'immutability' as const,
          required: `locked, ≥ ${formatDays(days ?? 3650)}`,
          requiredDays: days ?? 3650,
        }
      : undefined;
    const immutabilityChecked = new Set<string>();

    for (const loc of locations) {
      const prefix = `${loc.container}/${loc.path}`;
      const account = allAccounts.find(
        a => a.name.toLowerCase() === loc.account,
      );
      if (!account) {
        const problems = input.domainScans.filter(
          s => s.storageAccountsProblem,
        );
        const reason =
          problems.length > 0
            ? `${contract.ref} keeps data in ${
                loc.location
              }, but the storage accounts of the subscription of ${
                input.domainRef
              } could not be listed: ${problems
                .map(p => p.storageAccountsProblem!.reason)
                .join('; ')}.`
            : `${contract.ref} keeps data in ${loc.location}, but storage account ${loc.account} is not in the subscription of ${input.domainRef}, so what it keeps cannot be read.`;
        for (const check of [total, immutability]) {
          if (!check) continue;
          out.add({
            ...check,
            resourceName: `${loc.account} / ${prefix}`,
            resourceKey: loc.location,
            verdict: 'unknown',
            actual: 'not read',
            reason,
          });
        }
        continue;
      }
      used.set(account.name, account);
      const containerId = `${account.id}/blobServices/default/containers/${loc.container}`;
      const scope: BlobScope = {
        account,
        container: loc.container,
        prefix,
        where: loc.path ? `under ${prefix}` : `in ${loc.container}`,
      };
      const rules = account.lifecycleRules;
      const container = account.containers?.find(
        c => c.name.toLowerCase() === loc.container,
      );
      const resourceKey = loc.path ? `${containerId}/${loc.path}` : containerId;
      const resourceName = `${account.name} / ${
        loc.path ? prefix : loc.container
      }`;

      if (total) {
        const judgement: Judgement = rules
          ? judgeTotal(scope, rules, { min: total.requiredDays })
          : lifecycleUnknown(account);
        out.add({
          ...total,
          resourceId: containerId,
          resourceName,
          resourceKey,
          portalResourceId: account.id,
          ...judgement,
          reason: `${judgement.reason}${promise}`,
        });
      }
      if (immutability && !immutabilityChecked.has(containerId)) {
        immutabilityChecked.add(containerId);
        let judgement: Judgement;
        if (!account.containers) {
          judgement = {
            verdict: 'unknown',
            actual: 'not read',
            reason: `The containers of storage account ${
              account.name
            } could not be listed: ${
              account.containersProblem?.reason ?? 'no reason given'
            }.`,
          };
        } else if (!container) {
          judgement = {
            verdict: 'unknown',
            actual: 'container not listed',
            reason: `Container ${loc.container} is not in the container list of ${account.name}, so its immutability policy cannot be read.`,
          };
        } else {
          judgement = judgeImmutability(
            account,
            container,
            immutability.requiredDays,
          );
        }
        out.add({
          ...immutability,
          resourceId: containerId,
          resourceName: `${account.name} / ${loc.container}`,
          portalResourceId: account.id,
          ...judgement,
          reason: `${judgement.reason} The retention class audit requires data to be immutable.`,
        });
      }
      if (rules && total) {
        const immutable =
          container?.immutabilityPolicy?.immutabilityPeriodSinceCreationInDays;
        out.addTimeline(
          {
            category,
            categoryTitle: common.categoryTitle,
            resourceName,
            resourceId: containerId,
            segments: blobSegments(rules, prefix),
            requiredTotalDays: total.requiredDays,
            ...(immutable !== undefined ? { immutableDays: immutable } : {}),
          },
          resourceKey,
        );
      }
    }
  }

  const recovery = evaluateRecovery(
    {
      entityRef: input.entityRef,
      kind: 'data-product',
      declared: input.recovery.declared,
      source: input.recovery.source,
      domain: {
        ref: input.domainRef,
        strategy: input.recovery.domainStrategy,
      },
      accounts: [...used.values()],
      scans: input.domainScans,
      policy: ctx.policy.spec.recovery,
    },
    out,
  );
  return finish(out, ctx, recovery);
}

function finish(
  out: Findings,
  ctx: EvaluationContext,
  recovery: RecoveryDeclaration & { source: string },
): EvaluationResult {
  return {
    findings: withLastKnown(sortFindings(out.findings), ctx.previous),
    timelines: out.timelinesWithVerdicts(),
    recovery,
  };
}
