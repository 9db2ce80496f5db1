import { formatDateTime, formatDays, formatRelativeTime } from './format';

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

describe('times', () => {
  const now = new Date('2026-03-12T10:31:00Z');

  it('writes an evaluation time relative to now, and a skewed clock as just now', () => {
    expect(formatRelativeTime('2026-03-12T10:26:00Z', now)).toBe(
      '5 minutes ago',
    );
    expect(formatRelativeTime('2026-03-10T10:31:00Z', now)).toBe('2 days ago');
    expect(formatRelativeTime('2026-03-12T10:31:20Z', now)).toBe('just now');
    expect(formatRelativeTime('not a time', now)).toBe('at an unknown time');
  });

  it('writes absolute times in UTC and says so', () => {
    expect(formatDateTime('2026-03-12T10:31:05Z')).toBe(
      '12 Mar 2026, 10:31 UTC',
    );
    expect(formatDateTime('garbage')).toBe('garbage');
  });
});
