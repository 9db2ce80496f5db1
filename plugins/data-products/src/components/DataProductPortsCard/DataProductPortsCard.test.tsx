import { screen, within } from '@testing-library/react';
import { renderTestApp } from '@backstage/frontend-test-utils';
import {
  catalogApiMock,
  createTestEntityPage,
} from '@backstage/plugin-catalog-react/testUtils';
import { Entity } from '@backstage/catalog-model';
import { dataProductPortsEntityCard } from '../../plugin';
import {
  contractApi,
  contracts,
  dataProduct,
} from '../../__testUtils__/fixtures';

const product = dataProduct({
  name: 'deal-fraud-scores',
  domain: 'finance',
  owner: 'finance-team',
  layer: 'gold',
  classification: 'confidential',
  lifecycle: 'production',
  outputPorts: [
    {
      name: 'scores',
      contract: 'deal-fraud-scores',
      description: 'The latest score of each deal',
    },
    { name: 'explanations', contract: 'api:default/fraud-explanations' },
  ],
  inputPorts: [
    { name: 'postings', contract: 'general-ledger-postings' },
    { name: 'opportunities', contract: 'crm-opportunities' },
  ],
});

const crmOpenApi = contractApi({ name: 'crm-opportunities', type: 'openapi' });

function renderCard(entity: Entity, entities: Entity[]) {
  return renderTestApp({
    extensions: [createTestEntityPage({ entity }), dataProductPortsEntityCard],
    apis: [catalogApiMock({ entities: [entity, ...entities] })],
  });
}

function portRow(name: string) {
  return screen.getByRole('rowheader', { name }).closest('tr') as HTMLElement;
}

describe('DataProductPortsCard', () => {
  it('flags ports whose contract is missing, invalid or not a contract, and explains why', async () => {
    renderCard(product, [
      contracts.dealFraudScores,
      contracts.generalLedgerPostings,
      crmOpenApi,
    ]);

    const table = await screen.findByRole('table', {
      name: 'Ports and contracts',
    });
    expect(
      within(table)
        .getAllByRole('rowheader')
        .map(cell => cell.textContent),
    ).toEqual(['scores', 'explanations', 'postings', 'opportunities']);

    const scores = portRow('scores');
    expect(scores).not.toHaveAttribute('aria-invalid');
    expect(scores).toHaveTextContent(/Output.*The latest score of each deal/);
    expect(
      within(scores).getByRole('link', { name: 'deal-fraud-scores' }),
    ).toBeInTheDocument();
    expect(within(scores).getByText('Valid')).toBeInTheDocument();

    const explanations = portRow('explanations');
    expect(explanations).toHaveAttribute('aria-invalid', 'true');
    expect(within(explanations).getByText('Missing')).toBeInTheDocument();
    expect(
      within(explanations).getByText(
        'Contract api:default/fraud-explanations is not in the catalog.',
      ),
    ).toBeInTheDocument();

    const postings = portRow('postings');
    expect(postings).toHaveAttribute('aria-invalid', 'true');
    expect(postings).toHaveTextContent('Input');
    expect(within(postings).getByText('Invalid: 3 errors')).toBeInTheDocument();
    expect(
      within(postings).getByText(
        'Contract api:default/general-ledger-postings does not follow ODCS: 3 errors.',
      ),
    ).toBeInTheDocument();

    const opportunities = portRow('opportunities');
    expect(opportunities).toHaveAttribute('aria-invalid', 'true');
    expect(
      within(opportunities).getByText(
        'api:default/crm-opportunities is an API of type openapi, not an ODCS data contract (an API of type odcs).',
      ),
    ).toBeInTheDocument();

    expect(
      screen.getByText('3 ports have a contract problem'),
    ).toBeInTheDocument();
  });

  it('raises no alarm when every contract is valid', async () => {
    const healthy = dataProduct({
      name: 'pipeline-forecast',
      domain: 'sales',
      owner: 'sales-team',
      layer: 'gold',
      classification: 'internal',
      lifecycle: 'production',
      outputPorts: [{ name: 'forecast', contract: 'pipeline-forecast' }],
    });
    renderCard(healthy, [contracts.pipelineForecast]);

    expect(await screen.findByText('Valid')).toBeInTheDocument();
    expect(screen.queryByText(/contract problem/)).toBeNull();
  });

  it('shows why the contracts could not be looked up', async () => {
    renderTestApp({
      extensions: [
        createTestEntityPage({ entity: product }),
        dataProductPortsEntityCard,
      ],
      apis: [
        catalogApiMock.mock({
          getEntitiesByRefs: jest
            .fn()
            .mockRejectedValue(new Error('catalog is down')),
        }),
      ],
    });

    expect(
      await screen.findByText(/Could not look up the contracts in the catalog/),
    ).toBeInTheDocument();
  });

  it('does not show on other entities', async () => {
    renderCard(contracts.dealFraudScores, []);
    expect(await screen.findByTestId('empty-entity-page')).toBeInTheDocument();
  });
});
