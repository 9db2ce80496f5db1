import { durationMs } from './durations';

describe('durationMs', () => {
  it.each([
    ['PT1M', 60_000],
    ['PT15M', 900_000],
    ['PT1H30M', 5_400_000],
    ['P1D', 86_400_000],
    ['P7D', 604_800_000],
    ['P1DT2H', 93_600_000],
    ['PT0.5S', 500],
  ])('reads %s', (text, ms) => {
    expect(durationMs(text)).toBe(ms);
  });

  it.each(['P', 'PT', '15M', 'P1M2', 'P1Y', 'PT-5M', ''])(
    'refuses %p',
    text => {
      expect(() => durationMs(text)).toThrow(
        `'${text}' is not an ISO 8601 duration of days, hours, minutes and seconds such as PT15M`,
      );
    },
  );
});
