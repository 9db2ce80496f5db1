import {
  change,
  compactNumber,
  domainPath,
  longDay,
  money,
  monthName,
  nameOf,
  percent,
  sandboxPath,
  shortDay,
} from './format';

describe('format', () => {
  it('writes money with thousands separators and the currency, and a dash when unknown', () => {
    expect(money(12_345.6, 'USD')).toBe('12,346 USD');
    expect(money(19.4, 'EUR')).toBe('19.40 EUR');
    expect(money(null, 'USD')).toBe('—');
    expect(money(undefined, 'USD')).toBe('—');
    expect(money(Number.NaN, 'USD')).toBe('—');
  });

  it('writes percents and changes with an arrow', () => {
    expect(percent(116.1)).toBe('116.1%');
    expect(percent(80)).toBe('80%');
    expect(percent(null)).toBe('—');
    expect(change(12.4)).toBe('▲ 12.4%');
    expect(change(-4)).toBe('▼ 4%');
    expect(change(0)).toBe('± 0%');
    expect(change(null)).toBeNull();
  });

  it('writes axis numbers short', () => {
    expect(compactNumber(850)).toBe('850');
    expect(compactNumber(12_000)).toBe('12K');
    expect(compactNumber(1_250_000)).toBe('1.3M');
  });

  it('writes UTC days and months, whatever the time of day', () => {
    expect(shortDay('2026-09-05')).toBe('5 Sep');
    expect(shortDay('2026-11-24T23:30:00Z')).toBe('24 Nov');
    expect(longDay('2027-01-31')).toBe('31 Jan 2027');
    expect(monthName('2026-09')).toBe('Sep 2026');
    expect(shortDay('someday')).toBe('someday');
  });

  it('links domains and sandboxes to their catalog pages', () => {
    expect(nameOf('domain:default/sales')).toBe('sales');
    expect(domainPath('operations-iot')).toBe(
      '/catalog/default/domain/operations-iot',
    );
    expect(sandboxPath('sandbox-genai-pilot')).toBe(
      '/catalog/default/resource/sandbox-genai-pilot',
    );
  });
});
