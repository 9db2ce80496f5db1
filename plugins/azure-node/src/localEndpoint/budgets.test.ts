import { Budget } from '@azure/arm-consumption';
import {
  azureError,
  FINANCE,
  PLATFORM_MANAGEMENT,
  useLocalAzureEndpoint,
} from '../__testUtils__/localEndpoint';

const scope = (subscriptionId: string) => `subscriptions/${subscriptionId}`;

const budget = (overrides: Partial<Budget> = {}): Budget => ({
  category: 'Cost',
  amount: 2500,
  timeGrain: 'Monthly',
  timePeriod: { startDate: new Date('2026-07-01T00:00:00Z') },
  notifications: {
    Actual_GreaterThan_80_Percent: {
      enabled: true,
      operator: 'GreaterThan',
      threshold: 80,
      thresholdType: 'Actual',
      contactEmails: ['platform-team@contoso.example'],
    },
  },
  ...overrides,
});

/** `@azure/arm-consumption` budgets through the access layer, against the local endpoint. */
describe('budgets through the SDK', () => {
  const local = useLocalAzureEndpoint();
  const budgets = () => local.clients.consumption(PLATFORM_MANAGEMENT).budgets;

  it('creates, updates, lists, reads and deletes a budget', async () => {
    const created = await budgets().createOrUpdate(
      scope(PLATFORM_MANAGEMENT),
      'budget-platform',
      budget(),
    );
    // The subscription's spend comes from the tenant's cost model, which
    // moves with the clock: the budget reports what the model says today.
    const spend = local.endpoint.tenant.spend.get(PLATFORM_MANAGEMENT);
    expect(spend.forecast).toBeGreaterThan(0);
    expect(created).toMatchObject({
      name: 'budget-platform',
      amount: 2500,
      timeGrain: 'Monthly',
      currentSpend: { amount: spend.amount, unit: 'USD' },
      forecastSpend: { amount: spend.forecast, unit: 'USD' },
    });
    expect(created.timePeriod?.startDate).toEqual(
      new Date('2026-07-01T00:00:00Z'),
    );

    const updated = await budgets().createOrUpdate(
      scope(PLATFORM_MANAGEMENT),
      'budget-platform',
      budget({ amount: 3000, eTag: created.eTag }),
    );
    expect(updated.amount).toBe(3000);
    expect(updated.eTag).not.toBe(created.eTag);

    const listed = [];
    for await (const b of budgets().list(scope(PLATFORM_MANAGEMENT)))
      listed.push([b.name, b.amount]);
    expect(listed).toEqual([['budget-platform', 3000]]);

    await budgets().delete(scope(PLATFORM_MANAGEMENT), 'budget-platform');
    expect(
      await azureError(
        budgets().get(scope(PLATFORM_MANAGEMENT), 'budget-platform'),
      ),
    ).toMatchObject({
      statusCode: 404,
    });
  });

  it('refuses a stale eTag with 412 PreconditionFailed', async () => {
    const first = await budgets().createOrUpdate(
      scope(PLATFORM_MANAGEMENT),
      'budget-platform',
      budget(),
    );
    await budgets().createOrUpdate(
      scope(PLATFORM_MANAGEMENT),
      'budget-platform',
      budget({ amount: 10 }),
    );
    expect(
      await azureError(
        budgets().createOrUpdate(
          scope(PLATFORM_MANAGEMENT),
          'budget-platform',
          budget({ amount: 20, eTag: first.eTag }),
        ),
      ),
    ).toMatchObject({ statusCode: 412, code: 'PreconditionFailed' });
  });

  it('refuses a start that is not the first of a month, and a notification without contacts', async () => {
    const midMonth = await azureError(
      budgets().createOrUpdate(
        scope(PLATFORM_MANAGEMENT),
        'budget-x',
        budget({ timePeriod: { startDate: new Date('2026-07-02T00:00:00Z') } }),
      ),
    );
    expect(midMonth).toMatchObject({
      statusCode: 400,
      code: 'InvalidRequestContent',
    });
    expect(midMonth.message).toContain("'properties.timePeriod.startDate'");

    const noContacts = await azureError(
      budgets().createOrUpdate(
        scope(PLATFORM_MANAGEMENT),
        'budget-x',
        budget({
          notifications: {
            n: {
              enabled: true,
              operator: 'GreaterThan',
              threshold: 50,
              contactEmails: [],
            },
          },
        }),
      ),
    );
    expect(noContacts.message).toContain(
      "'properties.notifications.n.contactEmails'",
    );
  });

  it('reports the spend set through the admin API', async () => {
    local.endpoint.tenant.spend.set(FINANCE, 27_500, 33_000);
    const finance = await local.clients
      .consumption(FINANCE)
      .budgets.get(scope(FINANCE), 'budget-dp-domain-finance');
    expect(finance.amount).toBe(25_000);
    expect(finance.currentSpend).toEqual({ amount: 27_500, unit: 'USD' });
    expect(finance.forecastSpend).toEqual({ amount: 33_000, unit: 'USD' });
    expect(Object.keys(finance.notifications ?? {})).toHaveLength(4);
  });
});
