import { mockServices } from '@backstage/backend-test-utils';
import yaml from 'yaml';
import { TemplateAction } from '@backstage/plugin-scaffolder-node';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { DefaultAzureClients } from '@dataplatform/plugin-azure-node';
import {
  DEMO_PLATFORM_MANAGEMENT_GROUPS,
  DEMO_TENANT_ID,
  LocalAzureEndpoint,
  startLocalAzureEndpoint,
} from '@dataplatform/azure-local-endpoint';

type JsonValue =
  | null
  | boolean
  | number
  | string
  | JsonValue[]
  | { [key: string]: JsonValue };

/** The local endpoint with clients for it, reset between tests. */
export async function startAzure() {
  const endpoint = await startLocalAzureEndpoint({ aliasProvisioningMs: 0 });
  return { endpoint, clients: clientsFor(endpoint) };
}

/**
 * Access-layer clients for the endpoint. `requestTimeoutSeconds` may be
 * shorter than config allows (1 s), so timeout tests stay quick.
 */
export function clientsFor(
  endpoint: LocalAzureEndpoint,
  options: { requestTimeoutSeconds?: number } = {},
) {
  return new DefaultAzureClients({
    tenantId: DEMO_TENANT_ID,
    resourceManagerEndpoint: endpoint.url,
    authentication: { method: 'static-token', token: endpoint.token },
    caCertificatePem: endpoint.caCertificatePem,
    managementGroups: DEMO_PLATFORM_MANAGEMENT_GROUPS,
    requestTimeoutSeconds: options.requestTimeoutSeconds,
  });
}

export function resetAzure(endpoint: LocalAzureEndpoint) {
  endpoint.tenant.reset();
  endpoint.faults.clear();
  endpoint.requests.clear();
}

/**
 * The task's checkpoint store, as the scaffolder keeps it: a key that
 * succeeded before returns its stored value without running again. A new
 * store is what a task re-run from scratch gets; one seeded with values is
 * a task resumed after its backend died.
 */
export class CheckpointStore {
  readonly values: Map<string, JsonValue>;
  /** Keys whose function ran, in order. */
  readonly ran: string[] = [];
  /** Keys answered from the store. */
  readonly skipped: string[] = [];

  constructor(initial: Record<string, JsonValue> = {}) {
    this.values = new Map(Object.entries(initial));
  }

  checkpoint = async <T extends JsonValue | void>(opts: {
    key: string;
    fn: () => Promise<T> | T;
  }): Promise<T> => {
    if (this.values.has(opts.key)) {
      this.skipped.push(opts.key);
      return this.values.get(opts.key) as T;
    }
    const value = await opts.fn();
    this.ran.push(opts.key);
    // The scaffolder stores a JSON round trip of the value.
    this.values.set(opts.key, JSON.parse(JSON.stringify(value ?? {})));
    return value;
  };
}

/**
 * A mock action context with what createMockActionContext leaves out: the
 * dry-run flag and a checkpoint store.
 */
export function actionContext<TInput>(
  action: TemplateAction<any, any, any>,
  input: TInput,
  options: { isDryRun?: boolean; store?: CheckpointStore } = {},
) {
  const logger = mockServices.logger.mock();
  const store = options.store ?? new CheckpointStore();
  const ctx = {
    ...createMockActionContext({ input: input as any, logger }),
    isDryRun: options.isDryRun ?? false,
    checkpoint: store.checkpoint,
  };
  const outputs = () =>
    Object.fromEntries((ctx.output as jest.Mock).mock.calls) as Record<
      string,
      any
    >;
  const logged = () =>
    [
      ...(logger.info as jest.Mock).mock.calls,
      ...(logger.warn as jest.Mock).mock.calls,
    ].map(call => String(call[0]));
  return {
    ctx,
    store,
    logger,
    outputs,
    logged,
    run: () => action.handler(ctx as any),
  };
}

/** Runs the handler and returns what it threw (fails the test if nothing). */
export async function failureOf(run: () => Promise<unknown>): Promise<Error> {
  const outcome = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(outcome instanceof Error)) {
    throw new Error(`expected the step to fail, but it succeeded`);
  }
  return outcome;
}

/** Calls that change something at the endpoint, by route. */
export function mutatingCalls(
  endpoint: LocalAzureEndpoint,
): Record<string, number> {
  const { byRoute } = endpoint.requests.snapshot();
  return Object.fromEntries(
    Object.entries(byRoute).filter(([route]) => !route.startsWith('GET ')),
  );
}

/** How many requests a fault has hit so far. */
export function hitsOf(endpoint: LocalAzureEndpoint, faultId: string): number {
  return endpoint.faults.list().find(f => f.id === faultId)?.hits ?? 0;
}

/**
 * Counts the requests to `path` that come once the faults added before it
 * are used up: a fault with no effect (no delay, no limit). Unlike
 * {@link callsTo} it also counts a request its client abandoned, whose
 * answer never finished.
 */
export function countLaterRequests(
  endpoint: LocalAzureEndpoint,
  spec: { method?: 'GET' | 'PUT' | 'POST' | 'PATCH' | 'DELETE'; path: string },
): () => number {
  const counter = endpoint.faults.add({ ...spec, kind: 'delay', delayMs: 0 });
  return () => hitsOf(endpoint, counter.id);
}

/** The number of calls to routes matching `pattern` (method and route template). */
export function callsTo(endpoint: LocalAzureEndpoint, pattern: RegExp): number {
  const { byRoute } = endpoint.requests.snapshot();
  return Object.entries(byRoute)
    .filter(([route]) => pattern.test(route))
    .reduce((sum, [, n]) => sum + n, 0);
}

/**
 * Fills in `${{ a.b.c }}` from `context` the way the scaffolder does for
 * plain expressions: a sole expression keeps the value's type, one inside
 * other text becomes text.
 */
export function render(
  value: unknown,
  context: Record<string, unknown>,
): unknown {
  const lookup = (path: string) =>
    path.split('.').reduce<any>((at, part) => at?.[part], context);
  if (typeof value === 'string') {
    const sole = value.match(/^\$\{\{\s*([\w.-]+)\s*\}\}$/);
    if (sole) return lookup(sole[1]);
    return value.replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (_, path) =>
      String(lookup(path)),
    );
  }
  if (Array.isArray(value)) return value.map(v => render(v, context));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, render(v, context)]),
    );
  }
  return value;
}

/**
 * A fresh, empty subscription under the domains group, made directly in the
 * tenant so a test starts from what vending leaves behind.
 */
export function newSubscription(
  endpoint: LocalAzureEndpoint,
  aliasName = 'dp-domain-logistics',
): string {
  const { alias } = endpoint.tenant.createAlias(aliasName, {
    displayName: aliasName,
    workload: 'Production',
    managementGroupId: DEMO_PLATFORM_MANAGEMENT_GROUPS.domains,
    tags: { domain: aliasName.replace(/^dp-domain-/, '') },
  });
  return alias.subscriptionId;
}

export interface ExampleStep {
  id: string;
  name: string;
  action: string;
  input: Record<string, unknown>;
}

/** The steps of a documented example. */
export function stepsOf(example: { example: string }): ExampleStep[] {
  return (yaml.parse(example.example) as { steps: ExampleStep[] }).steps;
}
