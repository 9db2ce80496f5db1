import {
  budgetPercentLeft,
  describeBudget,
  formatShortNumber,
  formatShortValue,
  formatThresholds,
  formatValue,
} from './format';

describe('formatShortNumber', () => {
  it.each([
    [28.939, undefined, '28.9'],
    [17.051, 'min', '17.1'],
    [183.6234, 'ms', '183.6'],
    [1.2345, 'runs', '1.23'],
    [0.04567, undefined, '0.0457'],
    [12, 'runs', '12'],
    [-3.14159, undefined, '-3.14'],
    [99.99234, '%', '99.992'],
    [45.5, '%', '45.5'],
  ])('writes %p %p as %p', (value, unit, expected) => {
    expect(formatShortNumber(value, unit)).toBe(expected);
  });

  it('keeps the decimals that stop a value reading as a whole number it is not', () => {
    expect(formatShortNumber(99.99961, '%')).toBe('99.9996');
    expect(formatShortNumber(28.96, 'min')).toBe('28.96');
    expect(formatShortNumber(0.00012, undefined)).toBe('0.00012');
  });

  it('keeps the decimals that stop a value reading as a threshold it is not', () => {
    const thresholds = {
      direction: 'below' as const,
      degraded: 99.9,
      unhealthy: 99,
    };
    expect(formatShortNumber(99.90004, '%', thresholds)).toBe('99.90004');
    expect(formatShortNumber(99.9, '%', thresholds)).toBe('99.9');
    expect(formatShortValue(99.95123, '%', thresholds)).toBe('99.951%');
  });
});

describe('formatValue and formatThresholds', () => {
  it('write every digit, without floating point noise', () => {
    expect(formatValue(28.93912, 'min')).toBe('28.93912 min');
    expect(formatValue(0.1 + 0.2, '%')).toBe('0.3%');
    expect(
      formatThresholds(
        { direction: 'above', degraded: 0.0005, unhealthy: 12.3456 },
        'ms',
      ),
    ).toBe('degraded ≥ 0.0005 ms, unhealthy ≥ 12.3456 ms');
  });
});

describe('error budget', () => {
  it.each([
    [1, 100, '100% left'],
    [21.7 / 43.2, 50, '50% left'],
    [0.29, 29, '29% left'],
    [0.004, 0, 'less than 1% left'],
    [0, 0, 'spent'],
    [-0.35, 0, 'spent, 35% over'],
    [-1, 0, 'spent, 100% over'],
  ])('%p left is a bar at %p and reads %p', (fraction, percent, words) => {
    expect(budgetPercentLeft(fraction)).toBe(percent);
    expect(describeBudget(fraction)).toBe(words);
  });
});
