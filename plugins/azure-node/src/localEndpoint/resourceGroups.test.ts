import {
  azureError,
  CANCELLED_SANDBOX,
  FINANCE,
  useLocalAzureEndpoint,
} from '../__testUtils__/localEndpoint';

/** `@azure/arm-resources` resource groups through the access layer, against the local endpoint. */
describe('resource groups through the SDK', () => {
  const local = useLocalAzureEndpoint();
  const groups = () => local.clients.resources(FINANCE).resourceGroups;

  it('creates, reads, checks, lists and deletes a group; a second PUT keeps one', async () => {
    const created = await groups().createOrUpdate('rg-dp-finance-ingest', {
      location: 'westeurope',
      tags: { domain: 'finance' },
    });
    expect(created).toMatchObject({
      id: `/subscriptions/${FINANCE}/resourceGroups/rg-dp-finance-ingest`,
      name: 'rg-dp-finance-ingest',
      location: 'westeurope',
      tags: { domain: 'finance' },
      properties: { provisioningState: 'Succeeded' },
    });
    await groups().createOrUpdate('rg-dp-finance-ingest', {
      location: 'westeurope',
      tags: { domain: 'finance', v: '2' },
    });

    expect((await groups().get('rg-dp-finance-ingest')).tags).toEqual({
      domain: 'finance',
      v: '2',
    });
    expect(await groups().checkExistence('rg-dp-finance-ingest')).toEqual({
      body: true,
    });
    expect(await groups().checkExistence('rg-dp-finance-nothing')).toEqual({
      body: false,
    });

    const names = [];
    for await (const g of groups().list()) names.push(g.name);
    expect(names.sort()).toEqual([
      'rg-dp-finance-ingest',
      'rg-dp-finance-monitoring',
      'rg-finance-data-prod',
    ]);

    await groups().delete('rg-dp-finance-ingest', { updateIntervalInMs: 10 });
    expect(await groups().checkExistence('rg-dp-finance-ingest')).toEqual({
      body: false,
    });
  });

  it('surfaces the Azure error codes of bad requests', async () => {
    expect(
      await azureError(
        groups().createOrUpdate('rg-bad.', { location: 'westeurope' }),
      ),
    ).toMatchObject({
      statusCode: 400,
      code: 'InvalidResourceGroup',
    });
    expect(
      await azureError(groups().createOrUpdate('rg-x', { location: 'narnia' })),
    ).toMatchObject({
      statusCode: 400,
      code: 'LocationNotAvailableForResourceGroup',
    });
    expect(await azureError(groups().get('rg-missing'))).toMatchObject({
      statusCode: 404,
      code: 'ResourceGroupNotFound',
    });
    expect(
      await azureError(
        local.clients
          .resources(CANCELLED_SANDBOX)
          .resourceGroups.createOrUpdate('rg-x', { location: 'westeurope' }),
      ),
    ).toMatchObject({ statusCode: 409, code: 'ReadOnlyDisabledSubscription' });
  });
});
