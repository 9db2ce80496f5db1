import {
  addDays,
  alertsPortalUrl,
  budgetPortalUrl,
  costAnalysisUrl,
  costDomainReadPermission,
  costEstateReadPermission,
  costPermissions,
  formatAmount,
  formatMoney,
  formatPercent,
  monthEnd,
} from './index';

describe('formatMoney', () => {
  it.each([
    [12345.6, 'USD', '12,346 USD'],
    [1234567.89, 'EUR', '1,234,568 EUR'],
    [1000, 'USD', '1,000 USD'],
    [999.5, 'USD', '1,000 USD'],
    [450.4, 'USD', '450 USD'],
    [100, 'USD', '100 USD'],
    [99.999, 'USD', '100 USD'],
    [99.99, 'USD', '99.99 USD'],
    [19.4, 'USD', '19.40 USD'],
    [0, 'USD', '0.00 USD'],
    [-0.001, 'USD', '0.00 USD'],
    [-12.5, 'USD', '-12.50 USD'],
    [-2500, 'USD', '-2,500 USD'],
  ])('formats %d %s as %s', (amount, currency, text) => {
    expect(formatMoney(amount, currency)).toBe(text);
  });

  it('refuses what is not an amount', () => {
    expect(() => formatAmount(Number.NaN)).toThrow(
      'amount must be a finite number; got NaN',
    );
  });

  it('formats percent with up to two decimals', () => {
    expect(formatPercent(80)).toBe('80%');
    expect(formatPercent(12.5)).toBe('12.5%');
    expect(formatPercent(1000)).toBe('1,000%');
  });
});

describe('Azure portal links', () => {
  const sub = '5f2a7c0e-1d3b-4e6f-9a8b-7c6d5e4f3a2b';
  const prefix =
    'https://portal.azure.com/#@contoso.onmicrosoft.com/blade/Microsoft_Azure_CostManagement/Menu/~';
  const scope = `%2Fsubscriptions%2F${sub}`;

  it('opens cost analysis, budgets and alerts of the subscription in the tenant', () => {
    expect(costAnalysisUrl('contoso.onmicrosoft.com', sub)).toBe(
      `${prefix}/costanalysis/scope/${scope}`,
    );
    expect(
      budgetPortalUrl('contoso.onmicrosoft.com', sub, 'budget-dp-domain-sales'),
    ).toBe(`${prefix}/budgets/scope/${scope}`);
    expect(alertsPortalUrl('contoso.onmicrosoft.com', sub)).toBe(
      `${prefix}/costalerts/scope/${scope}`,
    );
  });

  it('encodes the tenant', () => {
    expect(costAnalysisUrl('a b/c', sub)).toMatch(
      /^https:\/\/portal\.azure\.com\/#@a%20b%2Fc\/blade\//,
    );
  });
});

describe('permissions', () => {
  it('declares domain and estate read', () => {
    expect(costDomainReadPermission).toEqual({
      type: 'basic',
      name: 'dataplatform.cost.domain.read',
      attributes: { action: 'read' },
    });
    expect(costEstateReadPermission).toEqual({
      type: 'basic',
      name: 'dataplatform.cost.estate.read',
      attributes: { action: 'read' },
    });
    expect(costPermissions).toEqual([
      costDomainReadPermission,
      costEstateReadPermission,
    ]);
  });
});

describe('calendar days', () => {
  it.each([
    ['2026-03-01', -1, '2026-02-28'],
    ['2028-03-01', -1, '2028-02-29'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-11-24', -89, '2026-08-27'],
    ['2026-11-24', 0, '2026-11-24'],
  ])('addDays(%s, %i) is %s', (day, days, result) => {
    expect(addDays(day, days)).toBe(result);
  });

  it.each([
    ['2026-02-10', '2026-02-28'],
    ['2028-02-10', '2028-02-29'],
    ['2100-02-01', '2100-02-28'],
    ['2000-02-01', '2000-02-29'],
    ['2026-11-30', '2026-11-30'],
    ['2026-12-01', '2026-12-31'],
  ])('monthEnd(%s) is %s', (day, end) => {
    expect(monthEnd(day)).toBe(end);
  });

  it('refuses days that do not exist', () => {
    expect(() => monthEnd('2026-02-29')).toThrow(
      'day must be a calendar day YYYY-MM-DD (UTC); got "2026-02-29"',
    );
    expect(() => addDays('2026-1-5', 1)).toThrow(/got "2026-1-5"/);
  });
});
