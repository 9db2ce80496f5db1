import {
  azureError,
  SALES,
  useLocalAzureEndpoint,
} from '../__testUtils__/localEndpoint';

/** `@azure/arm-subscriptions` cancel and enable, and what a disabled subscription refuses. */
describe('cancelling and enabling a subscription through the SDK', () => {
  const local = useLocalAzureEndpoint();

  it('makes the subscription read-only until it is enabled again', async () => {
    const lifecycle = local.clients.subscriptionVending().subscription;
    expect(await lifecycle.cancel(SALES)).toEqual({ subscriptionId: SALES });
    expect(
      (await local.clients.subscriptions().subscriptions.get(SALES)).state,
    ).toBe('Disabled');

    const write = () =>
      local.clients
        .resources(SALES)
        .resourceGroups.createOrUpdate('rg-dp-sales-extra', {
          location: 'eastus',
        });
    expect(await azureError(write())).toMatchObject({
      statusCode: 409,
      code: 'ReadOnlyDisabledSubscription',
    });
    // Reads still work.
    expect(
      (
        await local.clients
          .resources(SALES)
          .resourceGroups.get('rg-dp-sales-monitoring')
      ).location,
    ).toBe('eastus');

    expect(await lifecycle.enable(SALES)).toEqual({ subscriptionId: SALES });
    expect((await write()).name).toBe('rg-dp-sales-extra');
  });
});
