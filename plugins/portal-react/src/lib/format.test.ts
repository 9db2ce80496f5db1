import { formatDateTime, formatRelativeTime, plural } from './format';

describe('formatRelativeTime', () => {
  const now = new Date('2026-03-12T10:31:00Z');

  it('writes a time relative to now', () => {
    expect(formatRelativeTime('2026-03-12T10:26:00Z', now)).toBe(
      '5 minutes ago',
    );
    expect(formatRelativeTime('2026-03-12T08:31:00Z', now)).toBe('2 hours ago');
    expect(formatRelativeTime('2026-03-10T10:31:00Z', now)).toBe('2 days ago');
    expect(formatRelativeTime('2026-03-12T12:31:00Z', now)).toBe('in 2 hours');
    expect(formatRelativeTime('not a time', now)).toBe('at an unknown time');
  });

  it('writes the last minute, and a skewed clock, as just now', () => {
    expect(formatRelativeTime('2026-03-12T10:30:01Z', now)).toBe('just now');
    expect(formatRelativeTime('2026-03-12T10:31:20Z', now)).toBe('just now');
    expect(formatRelativeTime('2026-03-12T10:30:00Z', now)).toBe(
      '1 minute ago',
    );
  });

  it('with seconds, keeps the seconds of the past and still reads a skewed clock as just now', () => {
    const seconds = { seconds: true };
    expect(formatRelativeTime('2026-03-12T10:30:18Z', now, seconds)).toBe(
      '42 seconds ago',
    );
    expect(formatRelativeTime('2026-03-12T10:31:00Z', now, seconds)).toBe(
      'just now',
    );
    expect(formatRelativeTime('2026-03-12T10:31:20Z', now, seconds)).toBe(
      'just now',
    );
    expect(formatRelativeTime('2026-03-12T10:26:00Z', now, seconds)).toBe(
      '5 minutes ago',
    );
  });
});

describe('formatDateTime', () => {
  it('writes absolute times in UTC and says so', () => {
    expect(formatDateTime('2026-03-12T10:31:05Z')).toBe(
      '12 Mar 2026, 10:31 UTC',
    );
    expect(formatDateTime('2026-03-12T10:31:05+02:00')).toBe(
      '12 Mar 2026, 08:31 UTC',
    );
    expect(formatDateTime('2026-03-12T10:31:05Z', { seconds: true })).toBe(
      '12 Mar 2026, 10:31:05 UTC',
    );
  });

  it('shows what it cannot read as it came', () => {
    expect(formatDateTime('garbage')).toBe('garbage');
    expect(formatDateTime('garbage', { seconds: true })).toBe('garbage');
  });
});

describe('plural', () => {
  it.each([
    [0, 'signal', undefined, '0 signals'],
    [1, 'signal', undefined, '1 signal'],
    [3, 'data product', undefined, '3 data products'],
    [2, 'person', 'people', '2 people'],
  ])('writes %p %p as %p', (count, one, many, expected) => {
    expect(plural(count, one, many)).toBe(expected);
  });
});
