import { formatDays, plural } from './format';

describe('formatDays', () => {
  it.each([
    [1, '1 day'],
    [45, '45 days'],
    [30, '30 days'],
    [365, '365 days (1 year)'],
    [730, '730 days (2 years)'],
    [2555, '2,555 days (7 years)'],
    [3650, '3,650 days (10 years)'],
    [4383, '4,383 days'],
  ])('writes %p as %p', (days, text) => {
    expect(formatDays(days)).toBe(text);
  });
});

describe('plural', () => {
  it('groups thousands', () => {
    expect(plural(1, 'finding')).toBe('1 finding');
    expect(plural(1200, 'container')).toBe('1,200 containers');
  });
});
