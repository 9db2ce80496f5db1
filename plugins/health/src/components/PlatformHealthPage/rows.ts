import {
  compareStates,
  EntityHealthSummary,
  HEALTH_STATES,
  HealthState,
} from '@dataplatform/plugin-health-common';

export type KindView = 'domain' | 'dataproduct';

/**
 * Worst state first; within a state the lowest score first (no score
 * last), then by title, so the list does not reorder between refreshes.
 */
export function compareSummaries(
  a: EntityHealthSummary,
  b: EntityHealthSummary,
): number {
  return (
    compareStates(a.state, b.state) ||
    (a.score ?? Infinity) - (b.score ?? Infinity) ||
    a.title.localeCompare(b.title)
  );
}

export function countByState(
  items: EntityHealthSummary[],
): Record<HealthState, number> {
  const counts = Object.fromEntries(HEALTH_STATES.map(s => [s, 0])) as Record<
    HealthState,
    number
  >;
  for (const item of items) {
    counts[item.state] = (counts[item.state] ?? 0) + 1;
  }
  return counts;
}

/** Only the entities of one kind, in the states asked for (all when none). */
export function selectRows(
  items: EntityHealthSummary[],
  kind: KindView,
  states: HealthState[],
): EntityHealthSummary[] {
  return items
    .filter(item => item.kind.toLocaleLowerCase('en-US') === kind)
    .filter(item => states.length === 0 || states.includes(item.state))
    .sort(compareSummaries);
}

/** Reads `?kind=` and `?state=` so that a filtered view can be shared. */
export function readQuery(params: URLSearchParams): {
  kind: KindView;
  states: HealthState[];
} {
  const kind = params.get('kind') === 'dataproduct' ? 'dataproduct' : 'domain';
  const states = (params.get('state') ?? '')
    .split(',')
    .filter((s): s is HealthState =>
      (HEALTH_STATES as readonly string[]).includes(s),
    );
  return { kind, states };
}
