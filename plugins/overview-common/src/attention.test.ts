import type { CostRisk } from '@dataplatform/plugin-cost-common';
import type { HealthState } from '@dataplatform/plugin-health-common';
import type { Verdict } from '@dataplatform/plugin-retention-common';
import {
  attentionOfCell,
  attentionReasons,
  cellSortValue,
  compareRows,
  contractsAttention,
  costAttention,
  healthAttention,
  retentionAttention,
  rowAttention,
  sandboxesAttention,
  worstAttention,
  type AttentionLevel,
  type Concern,
  type DomainOverviewRow,
  type OverviewCell,
} from './index';
import {
  contractsCell,
  costCell,
  healthCell,
  retentionCell,
  row,
  sandboxesCell,
  unavailableCell,
} from './__fixtures__/rows';

describe('attention per concern', () => {
  it.each<[HealthState, AttentionLevel]>([
    ['unhealthy', 'critical'],
    ['degraded', 'warning'],
    ['unknown', 'unknown'],
    ['healthy', 'ok'],
  ])('health %s is %s', (state, level) => {
    expect(healthAttention({ state })).toBe(level);
  });

  it.each<[CostRisk, AttentionLevel]>([
    ['over-budget', 'critical'],
    ['forecast-over-budget', 'warning'],
    ['at-risk', 'warning'],
    ['no-budget', 'warning'],
    ['on-track', 'ok'],
    ['no-data', 'unknown'],
  ])('cost %s is %s', (risk, level) => {
    expect(costAttention({ risk })).toBe(level);
  });

  it.each<[Verdict, AttentionLevel]>([
    ['violation', 'critical'],
    ['at-risk', 'warning'],
    ['unknown', 'unknown'],
    ['compliant', 'ok'],
  ])('retention %s is %s', (verdict, level) => {
    expect(retentionAttention({ verdict })).toBe(level);
  });

  it.each<
    [
      string,
      { invalid: number; missing: number; unchecked: number },
      AttentionLevel,
    ]
  >([
    [
      'an invalid contract',
      { invalid: 1, missing: 0, unchecked: 0 },
      'critical',
    ],
    [
      'invalid beside missing and unchecked',
      { invalid: 2, missing: 1, unchecked: 3 },
      'critical',
    ],
    ['a missing contract', { invalid: 0, missing: 1, unchecked: 0 }, 'warning'],
    [
      'missing beside unchecked',
      { invalid: 0, missing: 1, unchecked: 2 },
      'warning',
    ],
    [
      'only unchecked contracts',
      { invalid: 0, missing: 0, unchecked: 1 },
      'unknown',
    ],
    ['all valid', { invalid: 0, missing: 0, unchecked: 0 }, 'ok'],
  ])('contracts with %s is %s', (_, counts, level) => {
    expect(contractsAttention(counts)).toBe(level);
  });

  it('contracts of a domain without data products are ok', () => {
    expect(
      contractsAttention(contractsCell({ dataProducts: 0, contracts: 0 })),
    ).toBe('ok');
  });

  describe('sandboxes', () => {
    it('is critical when the soonest end has passed and the sandbox is open', () => {
      expect(
        sandboxesAttention(
          { open: 2, expiringSoon: 2, nextExpiry: '2026-11-30' },
          '2026-12-01',
        ),
      ).toBe('critical');
    });

    it('is a warning on the last day and when some end within 14 days', () => {
      expect(
        sandboxesAttention(
          { open: 1, expiringSoon: 1, nextExpiry: '2026-12-01' },
          '2026-12-01',
        ),
      ).toBe('warning');
      expect(
        sandboxesAttention(
          { open: 3, expiringSoon: 1, nextExpiry: '2027-01-14' },
          new Date('2026-12-31T12:00:00Z'),
        ),
      ).toBe('warning');
    });

    it('is ok with no open sandbox or none ending soon', () => {
      expect(
        sandboxesAttention({ open: 0, expiringSoon: 0 }, '2026-12-01'),
      ).toBe('ok');
      expect(
        sandboxesAttention(
          { open: 1, expiringSoon: 0, nextExpiry: '2027-03-01' },
          '2026-12-01',
        ),
      ).toBe('ok');
      // Nothing open: a past date left over is not an open sandbox past its end.
      expect(
        sandboxesAttention(
          { open: 0, expiringSoon: 0, nextExpiry: '2026-01-01' },
          '2026-12-01',
        ),
      ).toBe('ok');
    });

    it('refuses a next expiry that is not a day', () => {
      expect(() =>
        sandboxesAttention(
          { open: 1, expiringSoon: 0, nextExpiry: 'soon' },
          '2026-12-01',
        ),
      ).toThrow('date must be a calendar day');
    });
  });

  it('attentionOfCell makes an unavailable cell unknown and applies the rule otherwise', () => {
    expect(attentionOfCell('cost', unavailableCell(), '2026-12-01')).toBe(
      'unknown',
    );
    expect(
      attentionOfCell(
        'health',
        healthCell({ state: 'unhealthy' }),
        '2026-12-01',
      ),
    ).toBe('critical');
    expect(
      attentionOfCell(
        'sandboxes',
        sandboxesCell({ open: 1, expiringSoon: 1, nextExpiry: '2026-11-30' }),
        '2026-12-01',
      ),
    ).toBe('critical');
  });

  it('a stale cell keeps its level', () => {
    expect(
      attentionOfCell(
        'retention',
        retentionCell({ verdict: 'violation', stale: 'from 10:58 UTC' }),
        '2026-12-01',
      ),
    ).toBe('critical');
  });
});

describe('rowAttention', () => {
  it('is the worst cell', () => {
    expect(worstAttention([])).toBe('ok');
    expect(worstAttention(['ok', 'unknown', 'ok'])).toBe('unknown');
    expect(worstAttention(['unknown', 'warning', 'ok'])).toBe('warning');
    expect(
      rowAttention(
        row('sales', {
          cost: costCell({ attention: 'warning', risk: 'at-risk' }),
          retention: unavailableCell(),
          health: healthCell({ attention: 'critical', state: 'unhealthy' }),
        }),
      ),
    ).toBe('critical');
    expect(rowAttention(row('calm'))).toBe('ok');
    expect(rowAttention(row('dark', { cost: unavailableCell() }))).toBe(
      'unknown',
    );
    expect(rowAttention([{ attention: 'ok' }, { attention: 'warning' }])).toBe(
      'warning',
    );
  });
});

/** A row whose named cells have the given levels and whose attention is the worst. */
function rowWith(
  name: string,
  levels: Partial<Record<Concern, AttentionLevel>>,
  extra: Partial<DomainOverviewRow> = {},
): DomainOverviewRow {
  const built = row(name, {
    health: healthCell({ attention: levels.health ?? 'ok' }),
    cost: costCell({ attention: levels.cost ?? 'ok' }),
    retention: retentionCell({ attention: levels.retention ?? 'ok' }),
    contracts: contractsCell({ attention: levels.contracts ?? 'ok' }),
    sandboxes: sandboxesCell({ attention: levels.sandboxes ?? 'ok' }),
    ...extra,
  });
  return { ...built, attention: rowAttention(built) };
}

describe('compareRows', () => {
  it('orders worst first with every tie-break', () => {
    const rows = [
      rowWith('ok-zulu', {}),
      rowWith('unknown-one', { cost: 'unknown' }),
      rowWith('warn-one', { cost: 'warning' }),
      rowWith('crit-one', { health: 'critical' }),
      rowWith('warn-two', { cost: 'warning', retention: 'warning' }),
      rowWith('crit-one-warn-two', {
        health: 'critical',
        cost: 'warning',
        sandboxes: 'warning',
      }),
      rowWith('crit-two', { health: 'critical', contracts: 'critical' }),
      // Same levels: the title decides, in English order ('alpha' before 'Beta').
      rowWith('title-b', { retention: 'critical' }, { title: 'Beta' }),
      rowWith('title-a', { retention: 'critical' }, { title: 'alpha' }),
      // Same title: the name decides.
      rowWith('same-2', { sandboxes: 'warning' }, { title: 'Same' }),
      rowWith('same-1', { sandboxes: 'warning' }, { title: 'Same' }),
      rowWith('ok-alpha', {}, { title: 'ok alpha' }),
    ];
    expect(rows.sort(compareRows).map(r => r.name)).toEqual([
      'crit-two',
      'crit-one-warn-two',
      'title-a',
      'title-b',
      'crit-one',
      'warn-two',
      'same-1',
      'same-2',
      'warn-one',
      'unknown-one',
      'ok-alpha',
      'ok-zulu',
    ]);
  });

  it('ranks by the row level first, however many cells are bad', () => {
    const oneCritical = rowWith('one', { health: 'critical' });
    const fourWarnings = rowWith('four', {
      health: 'warning',
      cost: 'warning',
      retention: 'warning',
      contracts: 'warning',
    });
    expect(compareRows(oneCritical, fourWarnings)).toBeLessThan(0);
    expect(compareRows(fourWarnings, oneCritical)).toBeGreaterThan(0);
    expect(compareRows(oneCritical, { ...oneCritical })).toBe(0);
  });

  it('uses the entity ref last, so equal names in two namespaces still order', () => {
    const a = rowWith('sales', {}, { entityRef: 'domain:alpha/sales' });
    const b = rowWith('sales', {}, { entityRef: 'domain:beta/sales' });
    expect(compareRows(b, a)).toBeGreaterThan(0);
    expect(compareRows(a, b)).toBeLessThan(0);
  });
});

describe('attentionReasons', () => {
  it('lists critical lines, then warnings, in column order', () => {
    const sales = row('sales', {
      health: healthCell({
        attention: 'critical',
        state: 'unhealthy',
        topCauses: ['Pipeline failures 12% (threshold 5%)', 'Freshness'],
      }),
      cost: costCell({
        attention: 'critical',
        risk: 'over-budget',
        monthToDate: 11200,
        budget: 10000,
        forecastPercent: 140,
      }),
      retention: retentionCell({
        attention: 'warning',
        verdict: 'at-risk',
        counts: { 'at-risk': 2, compliant: 4 },
        worst: 'AuditLogs keeps 30 days, 90 required soon',
      }),
      contracts: contractsCell({
        attention: 'critical',
        invalid: 2,
        errorCount: 5,
        missing: 1,
      }),
      sandboxes: sandboxesCell({
        attention: 'warning',
        open: 3,
        expiringSoon: 2,
        nextExpiry: '2026-12-05',
        nextExpiryName: 'sbx-sales-ml',
      }),
    });
    expect(attentionReasons(sales)).toEqual([
      'Health: unhealthy — Pipeline failures 12% (threshold 5%)',
      'Cost: over budget (112% of budget)',
      'Contracts: 2 invalid (5 errors), 1 missing',
      'Retention: at risk (2 findings) — AuditLogs keeps 30 days, 90 required soon',
      'Sandboxes: 2 sandboxes end within 14 days (next: sbx-sales-ml on 2026-12-05)',
    ]);
  });

  it('words each cost risk and the other levels', () => {
    const reasonsOf = (cells: Partial<DomainOverviewRow>) =>
      attentionReasons(row('x', cells));
    expect(
      reasonsOf({
        cost: costCell({
          attention: 'warning',
          risk: 'forecast-over-budget',
          forecastPercent: 104.5,
        }),
      }),
    ).toEqual(['Cost: forecast over budget (forecast 104.5% of budget)']);
    expect(
      reasonsOf({
        cost: costCell({
          attention: 'warning',
          risk: 'at-risk',
          forecastPercent: 93,
        }),
      }),
    ).toEqual(['Cost: at risk (forecast 93% of budget)']);
    expect(
      reasonsOf({
        cost: costCell({
          attention: 'warning',
          risk: 'no-budget',
          budget: null,
          forecastPercent: null,
        }),
      }),
    ).toEqual(['Cost: no budget']);
    expect(
      reasonsOf({
        health: healthCell({
          attention: 'warning',
          state: 'degraded',
          topCauses: [],
        }),
        retention: retentionCell({
          attention: 'critical',
          verdict: 'violation',
          counts: { violation: 1 },
        }),
        contracts: contractsCell({ attention: 'warning', missing: 3 }),
        sandboxes: sandboxesCell({
          attention: 'critical',
          open: 1,
          expiringSoon: 1,
          nextExpiry: '2026-11-30',
          nextExpiryName: 'sbx-old',
        }),
      }),
    ).toEqual([
      'Retention: violation (1 finding)',
      'Sandboxes: sbx-old is past its end (2026-11-30) and still open',
      'Health: degraded',
      'Contracts: 3 missing',
    ]);
  });

  it('marks stale lines as last known and leaves out unknown and unavailable cells', () => {
    expect(
      attentionReasons(
        row('x', {
          health: healthCell({ attention: 'unknown', state: 'unknown' }),
          cost: unavailableCell('dataplatform-cost has not answered'),
          retention: retentionCell({
            attention: 'critical',
            verdict: 'violation',
            counts: { violation: 2 },
            stale: 'shown from 10:58 UTC',
          }),
        }),
      ),
    ).toEqual(['Retention: violation (2 findings) (last known)']);
    expect(attentionReasons(row('calm'))).toEqual([]);
  });
});

describe('cellSortValue', () => {
  function sortedBy<C extends Concern>(
    concern: C,
    cells: Array<[string, OverviewCell<C>]>,
  ): string[] {
    return [...cells]
      .sort(
        ([, a], [, b]) => cellSortValue(concern, a) - cellSortValue(concern, b),
      )
      .map(([label]) => label);
  }

  it('puts the level first: index × 1000 with the tiebreak inside the thousand', () => {
    const critical = cellSortValue(
      'cost',
      costCell({
        attention: 'critical',
        risk: 'over-budget',
        forecastPercent: 100000,
      }),
    );
    const warning = cellSortValue(
      'cost',
      costCell({
        attention: 'warning',
        risk: 'at-risk',
        forecastPercent: -5000,
      }),
    );
    expect(critical).toBeGreaterThanOrEqual(0);
    expect(critical).toBeLessThan(1000);
    expect(warning).toBeGreaterThanOrEqual(1000);
    expect(warning).toBeLessThan(2000);
    expect(cellSortValue('health', unavailableCell())).toBe(2999);
    expect(cellSortValue('cost', costCell({ forecastPercent: null }))).toBe(
      3999,
    );
  });

  it('breaks health ties by lower score first, no score last', () => {
    expect(
      sortedBy('health', [
        [
          '80',
          healthCell({ attention: 'warning', state: 'degraded', score: 80 }),
        ],
        [
          'none',
          healthCell({
            attention: 'warning',
            state: 'degraded',
            score: undefined,
          }),
        ],
        [
          '55',
          healthCell({ attention: 'warning', state: 'degraded', score: 55 }),
        ],
        ['healthy', healthCell({ score: 10 })],
        [
          'unhealthy',
          healthCell({ attention: 'critical', state: 'unhealthy', score: 90 }),
        ],
      ]),
    ).toEqual(['unhealthy', '55', '80', 'none', 'healthy']);
  });

  it('breaks cost ties by higher forecast percent first', () => {
    expect(
      sortedBy('cost', [
        [
          '93',
          costCell({
            attention: 'warning',
            risk: 'at-risk',
            forecastPercent: 93,
          }),
        ],
        [
          'no-budget',
          costCell({
            attention: 'warning',
            risk: 'no-budget',
            forecastPercent: null,
          }),
        ],
        [
          '140',
          costCell({
            attention: 'warning',
            risk: 'forecast-over-budget',
            forecastPercent: 140,
          }),
        ],
        [
          '140.5',
          costCell({
            attention: 'warning',
            risk: 'forecast-over-budget',
            forecastPercent: 140.5,
          }),
        ],
        [
          'over',
          costCell({
            attention: 'critical',
            risk: 'over-budget',
            forecastPercent: 101,
          }),
        ],
        ['unavailable', unavailableCell()],
      ]),
    ).toEqual(['over', '140.5', '140', '93', 'no-budget', 'unavailable']);
  });

  it('breaks retention and contracts ties by more problems first', () => {
    expect(
      sortedBy('retention', [
        [
          '1',
          retentionCell({
            attention: 'critical',
            verdict: 'violation',
            counts: { violation: 1 },
          }),
        ],
        [
          '7',
          retentionCell({
            attention: 'critical',
            verdict: 'violation',
            counts: { violation: 7 },
          }),
        ],
        [
          '3',
          retentionCell({
            attention: 'critical',
            verdict: 'violation',
            counts: { violation: 3 },
          }),
        ],
      ]),
    ).toEqual(['7', '3', '1']);
    expect(
      sortedBy('contracts', [
        ['1+0', contractsCell({ attention: 'critical', invalid: 1 })],
        [
          '1+2',
          contractsCell({ attention: 'critical', invalid: 1, missing: 2 }),
        ],
        ['missing', contractsCell({ attention: 'warning', missing: 4 })],
        ['2+0', contractsCell({ attention: 'critical', invalid: 2 })],
      ]),
    ).toEqual(['1+2', '2+0', '1+0', 'missing']);
  });

  it('breaks sandbox ties by the sooner next expiry, across month and year ends', () => {
    expect(
      sortedBy('sandboxes', [
        [
          'jan-02',
          sandboxesCell({
            attention: 'warning',
            open: 1,
            expiringSoon: 1,
            nextExpiry: '2027-01-02',
          }),
        ],
        [
          'dec-31',
          sandboxesCell({
            attention: 'warning',
            open: 1,
            expiringSoon: 1,
            nextExpiry: '2026-12-31',
          }),
        ],
        [
          'jan-01',
          sandboxesCell({
            attention: 'warning',
            open: 1,
            expiringSoon: 1,
            nextExpiry: '2027-01-01',
          }),
        ],
        ['none', sandboxesCell({ attention: 'ok' })],
        [
          'later',
          sandboxesCell({ attention: 'ok', open: 1, nextExpiry: '2027-06-30' }),
        ],
      ]),
    ).toEqual(['dec-31', 'jan-01', 'jan-02', 'later', 'none']);
  });
});
