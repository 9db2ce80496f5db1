import { overviewCounts } from './index';
import {
  contractsCell,
  costCell,
  healthCell,
  retentionCell,
  row,
  sandboxesCell,
  unavailableCell,
} from './__fixtures__/rows';

describe('overviewCounts', () => {
  it('is all zeros without rows', () => {
    expect(overviewCounts([])).toEqual({
      domains: 0,
      byAttention: { critical: 0, warning: 0, unknown: 0, ok: 0 },
      unhealthy: 0,
      degraded: 0,
      overBudget: 0,
      costAtRisk: 0,
      retentionViolations: 0,
      contractErrors: 0,
      sandboxesOpen: 0,
      sandboxesExpiringSoon: 0,
    });
  });

  it('counts domains per figure and adds up sandboxes', () => {
    const rows = [
      row('sales', {
        attention: 'critical',
        health: healthCell({ attention: 'critical', state: 'unhealthy' }),
        cost: costCell({ attention: 'critical', risk: 'over-budget' }),
        retention: retentionCell({
          attention: 'critical',
          verdict: 'violation',
          counts: { violation: 4 },
        }),
        contracts: contractsCell({
          attention: 'critical',
          invalid: 3,
          errorCount: 9,
        }),
        sandboxes: sandboxesCell({
          attention: 'warning',
          open: 3,
          expiringSoon: 2,
          nextExpiry: '2026-12-05',
        }),
      }),
      row('finance', {
        attention: 'warning',
        health: healthCell({ attention: 'warning', state: 'degraded' }),
        cost: costCell({ attention: 'warning', risk: 'forecast-over-budget' }),
        contracts: contractsCell({ attention: 'warning', missing: 1 }),
        sandboxes: sandboxesCell({ open: 1, nextExpiry: '2027-05-01' }),
      }),
      row('hr', {
        attention: 'warning',
        cost: costCell({ attention: 'warning', risk: 'at-risk' }),
        retention: retentionCell({
          attention: 'warning',
          verdict: 'at-risk',
          counts: { 'at-risk': 1 },
        }),
      }),
      row('ops', {
        attention: 'unknown',
        health: unavailableCell(),
        cost: unavailableCell(),
        retention: unavailableCell(),
        contracts: contractsCell({ attention: 'unknown', unchecked: 2 }),
        sandboxes: unavailableCell(),
      }),
      row('calm'),
      row('calm-too', {
        cost: costCell({ attention: 'warning', risk: 'no-budget' }),
        attention: 'warning',
      }),
    ];
    expect(overviewCounts(rows)).toEqual({
      domains: 6,
      byAttention: { critical: 1, warning: 3, unknown: 1, ok: 1 },
      unhealthy: 1,
      degraded: 1,
      overBudget: 1,
      costAtRisk: 2,
      retentionViolations: 1,
      contractErrors: 2,
      sandboxesOpen: 4,
      sandboxesExpiringSoon: 2,
    });
  });

  it('counts stale cells by their last known values', () => {
    const counts = overviewCounts([
      row('sales', {
        attention: 'critical',
        health: healthCell({
          attention: 'critical',
          state: 'unhealthy',
          stale: 'shown from 10:58 UTC',
        }),
      }),
    ]);
    expect(counts.unhealthy).toBe(1);
    expect(counts.byAttention.critical).toBe(1);
  });
});
