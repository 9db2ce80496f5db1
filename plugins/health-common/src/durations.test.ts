import { formatDuration, lastPeriod } from './index';

describe('formatDuration', () => {
  it.each([
    ['PT1M', '1 minute'],
    ['PT15M', '15 minutes'],
    ['PT1H', '1 hour'],
    ['PT2H', '2 hours'],
    ['P1D', '1 day'],
    ['P7D', '7 days'],
    ['PT30S', '30 seconds'],
    ['PT1H30M', '1 hour 30 minutes'],
    ['P1DT12H', '1 day 12 hours'],
    // As written: a model that says 90 minutes means 90 minutes.
    ['PT90M', '90 minutes'],
    ['PT0M', '0 minutes'],
  ])('writes %s as %p', (duration, text) => {
    expect(formatDuration(duration)).toBe(text);
  });

  it.each(['P1M', 'P', 'PT', '15m', ''])(
    'leaves %p, which is not a duration of days to seconds, as given',
    text => {
      expect(formatDuration(text)).toBe(text);
    },
  );
});

describe('lastPeriod', () => {
  it.each([
    ['PT1H', 'the last hour'],
    ['P1D', 'the last day'],
    ['PT1M', 'the last minute'],
    ['PT15M', 'the last 15 minutes'],
    ['PT1H30M', 'the last 1 hour 30 minutes'],
    ['P1M', 'the last P1M'],
  ])('says %s is %p', (duration, text) => {
    expect(lastPeriod(duration)).toBe(text);
  });
});
