import {
  compareStates,
  EntityHealthDetailResponse,
  HealthState,
  ModelResult,
  SignalResult,
} from '@dataplatform/plugin-health-common';

/** Something on an entity that is not healthy, for "What needs attention". */
export interface AttentionItem {
  key: string;
  state: HealthState;
  /** Where it is: "Ledger ingestion", or "General Ledger Postings › Ingestion". */
  where: string;
  title: string;
  /** Value against threshold, or why there is no value. */
  explanation: string;
  signal?: SignalResult;
}

function signalItems(
  result: ModelResult | undefined,
  prefix: string | undefined,
): AttentionItem[] {
  if (!result) return [];
  return result.components.flatMap(component =>
    component.signals
      .filter(signal => signal.state !== 'healthy')
      .map(signal => ({
        key: `${result.entityRef}#${signal.key}`,
        state: signal.state,
        where: prefix ? `${prefix} › ${component.title}` : component.title,
        title: signal.title,
        explanation: signal.explanation,
        signal,
      })),
  );
}

/**
 * Every signal that is not healthy, of the entity's own model and of its
 * data products', and every data product model that cannot be used; worst
 * first, then by place, so the same list reads the same way every time.
 */
export function attentionItems(
  detail: EntityHealthDetailResponse,
): AttentionItem[] {
  const items = [
    ...signalItems(detail.result, undefined),
    ...detail.children.flatMap(child => [
      ...(child.summary.modelError
        ? [
            {
              key: `${child.summary.entityRef}#model`,
              state: 'unknown' as const,
              where: child.summary.title,
              title: 'Health model cannot be used',
              explanation: child.summary.modelError.message,
            },
          ]
        : []),
      ...signalItems(child.result, child.summary.title),
    ]),
  ];
  return items.sort(
    (a, b) =>
      compareStates(a.state, b.state) ||
      a.where.localeCompare(b.where) ||
      a.title.localeCompare(b.title),
  );
}
