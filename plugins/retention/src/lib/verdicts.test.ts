import { Finding } from '@dataplatform/plugin-retention-common';
import {
  compareVerdicts,
  countVerdicts,
  sortFindings,
  worstVerdict,
} from './verdicts';

function f(id: string, partial: Partial<Finding>): Finding {
  return {
    id,
    entityRef: 'domain:default/hr',
    area: 'retention',
    check: 'total-retention',
    category: 'audit-logs',
    categoryTitle: 'Audit trails in Log Analytics',
    verdict: 'compliant',
    required: '',
    actual: '',
    reason: '',
    source: 'platform policy',
    ...partial,
  };
}

describe('verdict order', () => {
  it('puts violation first and compliant last; [] is unknown', () => {
    expect(compareVerdicts('violation', 'at-risk')).toBeLessThan(0);
    expect(compareVerdicts('compliant', 'unknown')).toBeGreaterThan(0);
    expect(worstVerdict(['compliant', 'unknown', 'at-risk'])).toBe('at-risk');
    expect(worstVerdict([])).toBe('unknown');
  });

  it('sorts worst first, then by check order, resource and id; unknown values last', () => {
    const sorted = sortFindings([
      f('e', { verdict: 'compliant' }),
      f('d', { verdict: 'violation', check: 'immutability' }),
      f('c', { verdict: 'violation', resourceName: 'b' }),
      f('b', { verdict: 'violation', resourceName: 'a' }),
      f('a', { verdict: 'later' as any }),
      f('f', { verdict: 'violation', check: 'interactive-retention' }),
    ]);
    expect(sorted.map(x => x.id)).toEqual(['f', 'b', 'c', 'd', 'e', 'a']);
  });

  it('counts every verdict, zeros included', () => {
    expect(
      countVerdicts([
        f('a', { verdict: 'violation' }),
        f('b', { verdict: 'violation' }),
        f('c', { verdict: 'unknown' }),
      ]),
    ).toEqual({ violation: 2, 'at-risk': 0, unknown: 1, compliant: 0 });
  });
});
