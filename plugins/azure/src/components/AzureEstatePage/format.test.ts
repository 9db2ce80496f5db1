import { formatDateTime, formatRelativeTime } from './format';

describe('formatRelativeTime', () => {
  const now = new Date('2026-03-12T10:30:00Z');

  it.each([
    ['2026-03-12T10:29:50Z', 'just now'],
    ['2026-03-12T10:31:00Z', 'just now'],
    ['2026-03-12T10:29:00Z', '1 minute ago'],
    ['2026-03-12T10:28:00Z', '2 minutes ago'],
    ['2026-03-12T07:30:00Z', '3 hours ago'],
    ['2026-03-10T10:30:00Z', '2 days ago'],
    ['2026-01-01T10:30:00Z', '2 months ago'],
  ])('says %s was %s', (iso, expected) => {
    expect(formatRelativeTime(iso, now)).toBe(expected);
  });

  it('copes with a broken timestamp', () => {
    expect(formatRelativeTime('yesterday-ish', now)).toBe('at an unknown time');
  });
});

describe('formatDateTime', () => {
  it('formats a date and time', () => {
    expect(formatDateTime('2026-03-12T10:30:00Z')).toMatch(/12 Mar 2026/);
  });
});
