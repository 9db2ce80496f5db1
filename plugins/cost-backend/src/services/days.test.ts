import {
  addDays,
  monthEnd as monthEndOf,
} from '@dataplatform/plugin-cost-common';
import { usageDay } from './days';

describe('days', () => {
  it('reads UsageDate as Cost Management sends it', () => {
    expect(usageDay(20261124)).toBe('2026-11-24');
    expect(usageDay('20261124')).toBe('2026-11-24');
    expect(usageDay('2026-11-24T00:00:00')).toBe('2026-11-24');
    expect(usageDay('2026-11-24')).toBe('2026-11-24');
  });

  it.each([[20260230], ['2026-13-01'], ['yesterday'], [null], [2026112]])(
    'refuses %p as a day',
    value => {
      expect(usageDay(value)).toBeUndefined();
    },
  );

  it('moves across months and years, and finds month ends', () => {
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-11-24', -89)).toBe('2026-08-27');
    expect(monthEndOf('2028-02-10')).toBe('2028-02-29');
    expect(monthEndOf('2026-11-30')).toBe('2026-11-30');
  });
});
