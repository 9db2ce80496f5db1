import {
  checkDocumentShape,
  compileDocumentSchema,
  describeValue,
  type DocumentKind,
  loadYamlDocument,
} from '@dataplatform/yaml-documents-common';
import { MAX_HEALTH_MODEL_BYTES } from './annotations';
import {
  DURATION_RANGES,
  HEALTH_MODEL_JSON_SCHEMA,
  MAX_COMPONENTS,
  RESOURCE_ID_PATTERN,
} from './schema';
import {
  HEALTH_MODEL_API_VERSION,
  type HealthComponent,
  type HealthModel,
  type HealthModelParseResult,
  type HealthSignal,
  type MetricAggregation,
  type Rollup,
  type SignalThresholds,
} from './types';
import { durationMs } from './durations';

type Node = Record<string, any>;

const SCHEMA = HEALTH_MODEL_JSON_SCHEMA as Node;

/** A model is at most 7 levels deep; errors about the whole file are at `/`. */
const HEALTH_MODEL: DocumentKind = {
  name: 'health model',
  fileWord: 'model',
  levels: 7,
  root: '/',
};

const documentSchema = compileDocumentSchema(SCHEMA, { root: '/' });

const isObject = (v: unknown): v is Node =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * A list as a plain array: callers of validateHealthModel may pass objects
 * whose prototype was tampered with, and array methods must not be trusted.
 */
const list = (v: unknown): unknown[] | undefined =>
  Array.isArray(v) ? Array.from(v as ArrayLike<unknown>) : undefined;

/**
 * Parses a health model file (YAML) and validates it. Never throws on bad
 * input: every problem comes back as `{ path, message }`.
 */
export function parseHealthModel(text: string): HealthModelParseResult {
  const loaded = loadYamlDocument(text, {
    maxBytes: MAX_HEALTH_MODEL_BYTES,
    kind: HEALTH_MODEL,
  });
  if (!loaded.ok) return { valid: false, errors: [loaded.error] };
  return validateHealthModel(loaded.document);
}

/**
 * Validates a parsed document (YAML or JSON) as a health model and returns
 * the typed model with defaults applied. Never throws on bad input.
 */
export function validateHealthModel(doc: unknown): HealthModelParseResult {
  if (!isObject(doc)) {
    return {
      valid: false,
      errors: [
        {
          path: '/',
          message: `a health model must be a mapping with apiVersion, kind, metadata and spec; found ${describeValue(
            doc,
          )}`,
        },
      ],
    };
  }
  const shapeError = checkDocumentShape(doc, HEALTH_MODEL);
  if (shapeError) return { valid: false, errors: [shapeError] };

  const errors = documentSchema.validate(doc, semanticErrors(doc));
  if (errors.length > 0) return { valid: false, errors };
  return { valid: true, model: toModel(doc) };
}

// ---------------------------------------------------------------------------
// Rules a JSON schema cannot state
// ---------------------------------------------------------------------------

interface Found {
  path: string;
  message: string;
}

interface ParsedResourceId {
  subscription: string;
  /** `Microsoft.Storage/storageAccounts`, nested types joined with `/`. */
  type: string;
}

const RESOURCE_ID = new RegExp(RESOURCE_ID_PATTERN);

function parseResourceId(id: unknown): ParsedResourceId | undefined {
  if (typeof id !== 'string' || !RESOURCE_ID.test(id)) return undefined;
  const parts = id.split('/');
  // ['', 'subscriptions', sub, 'resourceGroups', rg, 'providers', ns, type, name, …]
  const types = parts.slice(7).filter((_, i) => i % 2 === 0);
  return {
    subscription: parts[2].toLowerCase(),
    type: [parts[6], ...types].join('/'),
  };
}

function checkDuration(
  signal: Node,
  key: 'timespan' | 'window',
  at: string,
  found: Found[],
) {
  const value = signal[key];
  if (typeof value !== 'string') return;
  const range = DURATION_RANGES[key];
  const ms = durationMs(value);
  if (
    ms === undefined ||
    ms < durationMs(range.min)! ||
    ms > durationMs(range.max)!
  ) {
    const property =
      SCHEMA.definitions[key === 'timespan' ? 'logSignal' : 'metricSignal']
        .properties[key];
    found.push({
      path: `${at}/${key}`,
      message: `must be ${documentSchema.allowedBy(
        property,
      )} (got ${describeValue(value)})`,
    });
  }
}

function checkThresholds(t: unknown, at: string, found: Found[]) {
  if (!isObject(t)) return;
  const { direction, degraded, unhealthy } = t;
  if (typeof degraded !== 'number' || typeof unhealthy !== 'number') return;
  if (direction === 'above' && degraded > unhealthy) {
    found.push({
      path: `${at}/thresholds/degraded`,
      message: `must be ≤ unhealthy (${unhealthy}) when direction is above, where higher values are worse (got ${degraded})`,
    });
  }
  if (direction === 'below' && degraded < unhealthy) {
    found.push({
      path: `${at}/thresholds/degraded`,
      message: `must be ≥ unhealthy (${unhealthy}) when direction is below, where lower values are worse (got ${degraded})`,
    });
  }
}

function checkLogSignal(signal: Node, at: string, found: Found[]) {
  checkDuration(signal, 'timespan', at, found);
  const workspace = parseResourceId(signal.workspace);
  if (
    workspace &&
    workspace.type.toLowerCase() !== 'microsoft.operationalinsights/workspaces'
  ) {
    found.push({
      path: `${at}/workspace`,
      message: `must be the resource id of a Log Analytics workspace (type Microsoft.OperationalInsights/workspaces); got a resource of type ${workspace.type}`,
    });
  }
}

function checkMetricSignal(signal: Node, at: string, found: Found[]) {
  checkDuration(signal, 'window', at, found);
  const resources = list(signal.resources);
  if (!resources) return;
  let first: (ParsedResourceId & { index: number }) | undefined;
  resources.forEach((resource, index) => {
    const parsed = parseResourceId(resource);
    if (!parsed) return;
    if (!first) {
      first = { ...parsed, index };
      return;
    }
    const like = `resources/${first.index}`;
    if (parsed.subscription !== first.subscription) {
      found.push({
        path: `${at}/resources/${index}`,
        message: `must be in subscription ${first.subscription} like ${like}: one metric signal reads one subscription (got ${parsed.subscription})`,
      });
    } else if (parsed.type.toLowerCase() !== first.type.toLowerCase()) {
      found.push({
        path: `${at}/resources/${index}`,
        message: `must be of type ${first.type} like ${like}: one metric signal reads one resource type (got ${parsed.type})`,
      });
    }
  });
  if (
    first &&
    typeof signal.namespace === 'string' &&
    signal.namespace.toLowerCase() !== first.type.toLowerCase()
  ) {
    found.push({
      path: `${at}/namespace`,
      message: `must be the resources' type ${first.type} (got ${describeValue(
        signal.namespace,
      )})`,
    });
  }
}

function checkUniqueIds(
  items: unknown[],
  at: string,
  what: string,
  scope: string,
  found: Found[],
): Map<string, number> {
  const firstIndex = new Map<string, number>();
  items.forEach((item, index) => {
    if (!isObject(item) || typeof item.id !== 'string') return;
    const earlier = firstIndex.get(item.id);
    if (earlier === undefined) {
      firstIndex.set(item.id, index);
    } else {
      found.push({
        path: `${at}/${index}/id`,
        message: `duplicate ${what} id '${item.id}', already used at ${at}/${earlier}/id; ${what} ids must be unique ${scope}`,
      });
    }
  });
  return firstIndex;
}

function semanticErrors(doc: Node): Found[] {
  const found: Found[] = [];
  const components = list(isObject(doc.spec) ? doc.spec.components : undefined);
  if (!components) return found;
  const ids = checkUniqueIds(
    components,
    '/spec/components',
    'component',
    'in the model',
    found,
  );

  components.forEach((component, i) => {
    if (!isObject(component)) return;
    const at = `/spec/components/${i}`;
    const signals = list(component.signals);
    if (signals) {
      checkUniqueIds(
        signals,
        `${at}/signals`,
        'signal',
        'within a component',
        found,
      );
      signals.forEach((signal, j) => {
        if (!isObject(signal)) return;
        const signalAt = `${at}/signals/${j}`;
        checkThresholds(signal.thresholds, signalAt, found);
        if (signal.type === 'log') checkLogSignal(signal, signalAt, found);
        if (signal.type === 'metric')
          checkMetricSignal(signal, signalAt, found);
      });
    }
    const dependsOn = list(component.dependsOn);
    if (dependsOn) {
      dependsOn.forEach((dep, k) => {
        if (typeof dep !== 'string') return;
        if (dep === component.id) {
          found.push({
            path: `${at}/dependsOn/${k}`,
            message: `a component cannot depend on itself; must be the id of another component of this model`,
          });
        } else if (!ids.has(dep)) {
          const others = [...ids.keys()].filter(x => x !== component.id);
          found.push({
            path: `${at}/dependsOn/${k}`,
            message: `must be the id of another component of this model (${
              others.length > 0 ? others.join(', ') : 'there is none'
            }); found no component '${dep}'`,
          });
        }
      });
    }
  });

  if (components.length <= MAX_COMPONENTS) {
    found.push(...cycleErrors(components, ids));
  }
  return found;
}

/**
 * Each dependency cycle once, named from the component written first, e.g.
 * `ingestion → storage → ingestion`, at the dependsOn entry that starts it.
 */
function cycleErrors(components: unknown[], ids: Map<string, number>): Found[] {
  const edges = new Map<string, Array<{ to: string; k: number }>>();
  for (const [id, index] of ids) {
    const deps = list((components[index] as Node).dependsOn) ?? [];
    edges.set(
      id,
      deps
        .map((to, k) => ({ to, k }))
        .filter(
          (e): e is { to: string; k: number } =>
            typeof e.to === 'string' && e.to !== id && ids.has(e.to),
        ),
    );
  }
  const seen = new Set<string>();
  const found: Found[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];

  const visit = (id: string) => {
    state.set(id, 'open');
    stack.push(id);
    for (const { to } of edges.get(id) ?? []) {
      if (state.get(to) === 'open') {
        const cycle = stack.slice(stack.indexOf(to));
        // Start from the component written first, so the name is stable.
        const start = cycle.reduce((a, b) =>
          ids.get(b)! < ids.get(a)! ? b : a,
        );
        const rotated = [
          ...cycle.slice(cycle.indexOf(start)),
          ...cycle.slice(0, cycle.indexOf(start)),
        ];
        const name = [...rotated, start].join(' → ');
        if (seen.has(name)) continue;
        seen.add(name);
        const next = rotated[1] ?? start;
        const k = edges.get(start)!.find(e => e.to === next)!.k;
        found.push({
          path: `/spec/components/${ids.get(start)}/dependsOn/${k}`,
          message: `dependency cycle: ${name}; dependsOn must not lead back to the component`,
        });
      } else if (!state.has(to)) {
        visit(to);
      }
    }
    stack.pop();
    state.set(id, 'done');
  };
  for (const id of ids.keys()) if (!state.has(id)) visit(id);
  return found;
}

// ---------------------------------------------------------------------------
// The typed model, defaults applied
// ---------------------------------------------------------------------------

/** Copies only the keys that are set, so absent optionals stay absent. */
function optional<T extends Node>(
  source: Node,
  keys: Array<keyof T & string>,
): Partial<T> {
  const out: Node = {};
  for (const key of keys) if (source[key] !== undefined) out[key] = source[key];
  return out as Partial<T>;
}

function toThresholds(t: Node): SignalThresholds {
  return {
    direction: t.direction,
    ...(t.degraded !== undefined ? { degraded: t.degraded } : {}),
    unhealthy: t.unhealthy,
  };
}

function toSignal(s: Node): HealthSignal {
  const base = {
    id: s.id as string,
    ...optional(s, ['title', 'description', 'unit']),
    thresholds: toThresholds(s.thresholds),
    ...optional(s, ['weight']),
  };
  if (s.type === 'log') {
    return {
      ...base,
      type: 'log',
      workspace: s.workspace,
      query: s.query,
      timespan: s.timespan ?? DURATION_RANGES.timespan.default,
    };
  }
  return {
    ...base,
    type: 'metric',
    resources: list(s.resources) as string[],
    region: s.region,
    namespace: s.namespace,
    metric: s.metric,
    aggregation: s.aggregation as MetricAggregation,
    window: s.window ?? DURATION_RANGES.window.default,
  };
}

function toComponent(c: Node): HealthComponent {
  return {
    id: c.id,
    ...optional(c, ['title', 'description']),
    dependsOn: (list(c.dependsOn) ?? []) as string[],
    ...optional(c, ['weight']),
    signals: list(c.signals)!.map(s => toSignal(s as Node)),
  };
}

function toModel(doc: Node): HealthModel {
  const description = doc.metadata?.description;
  return {
    apiVersion: HEALTH_MODEL_API_VERSION,
    kind: 'HealthModel',
    ...(description !== undefined ? { description } : {}),
    rollup: (doc.spec.rollup ?? 'worst-of') as Rollup,
    components: list(doc.spec.components)!.map(c => toComponent(c as Node)),
  };
}
