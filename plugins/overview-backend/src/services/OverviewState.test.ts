import {
  catalogEntities,
  costBody,
  domainRequests,
  healthBody,
  retentionBody,
  sandboxLeases,
} from '../__testUtils__/fixtures';
import { OverviewSources, OverviewState } from './OverviewState';
import { SourceAnswer } from './sources';

const NOW = new Date('2026-11-24T12:00:00Z');

/** A source whose next answer the test sets, counting polls. */
function source<T>(body: () => T) {
  const fake = {
    polls: 0,
    next: body(),
    state: {} as SourceAnswer<T>,
    async poll() {
      fake.polls += 1;
      // Like the real sources: an unchanged answer keeps its object.
      fake.state =
        fake.state.body === fake.next
          ? { ...fake.state, asOf: NOW.toISOString() }
          : { body: fake.next, asOf: NOW.toISOString() };
    },
  };
  return fake;
}

function sources() {
  return {
    catalog: source(() => catalogEntities(NOW)),
    health: source(healthBody),
    cost: source(costBody),
    retention: source(retentionBody),
    domainRequests: source(() => ({ items: domainRequests() })),
    sandboxLeases: source(() => ({ items: sandboxLeases() })),
  };
}

describe('OverviewState', () => {
  it('keeps the assembled rows while no source changes, and assembles again when one does', async () => {
    const fakes = sources();
    const state = new OverviewState({
      sources: fakes as unknown as OverviewSources,
      now: () => NOW,
    });
    await state.refresh();
    const first = state.snapshot;
    const salesBefore = first.rows.find(r => r.name === 'sales')!;
    expect('state' in salesBefore.health && salesBefore.health.state).toBe(
      'healthy',
    );
    expect(first.rows.map(r => r.name)).toEqual(
      expect.arrayContaining(['finance', 'sales']),
    );

    await state.refresh();
    const second = state.snapshot;
    expect(fakes.health.polls).toBe(2);
    // Same rows object: nothing was rebuilt; same version: clients get 304s.
    expect(second.rows).toBe(first.rows);
    expect(second.version).toBe(first.version);

    // Sales turns unhealthy: the next poll rebuilds its row.
    const changed = healthBody();
    const salesItem = changed.items.find(
      i => i.entityRef === 'domain:default/sales',
    )!;
    salesItem.state = 'unhealthy';
    fakes.health.next = changed;
    await state.refresh();
    const third = state.snapshot;
    expect(third.rows).not.toBe(first.rows);
    expect(third.version).not.toBe(first.version);
    const sales = third.rows.find(r => r.name === 'sales')!;
    expect('state' in sales.health && sales.health.state).toBe('unhealthy');
  });
});
