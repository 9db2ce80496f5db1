import { screen, within } from '@testing-library/react';
import { renderTestApp } from '@backstage/frontend-test-utils';
import {
  catalogApiMock,
  createTestEntityPage,
} from '@backstage/plugin-catalog-react/testUtils';
import { Entity } from '@backstage/catalog-model';
import { contractValidationEntityCard } from '../../plugin';
import {
  contractApi,
  dealFraudScores,
  readOdcsExample,
} from '../../__testUtils__/fixtures';

function renderCard(entity: Entity) {
  return renderTestApp({
    extensions: [
      createTestEntityPage({ entity }),
      contractValidationEntityCard,
    ],
    apis: [catalogApiMock({ entities: [entity] })],
  });
}

// Five errors: a wrong ODCS version is reported alone, so break the fields.
const INVALID = `apiVersion: v3.1.0
kind: DataContract
id: 42
version: [1]
schema:
  - name: orders
    properties:
      - name: amount
        logicalType: money
      - name: placed_at
        logicalType: datetime
`;

// Checking the full example compiles the ODCS schema first, which is slow
// on a busy machine; the tests that use it get more time.
describe('ContractValidationCard', () => {
  it('confirms a valid contract with its ODCS version', async () => {
    renderCard(
      contractApi({
        name: 'quantum',
        definition: readOdcsExample('all_full-example.odcs.yaml'),
      }),
    );

    expect(
      await screen.findByText(
        'Valid ODCS v3.1.0 contract',
        {},
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { name: 'Data contract' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Read the contract' }),
    ).toHaveAttribute('href', expect.stringMatching(/\/contract$/));
  }, 30_000);

  it('counts the errors, lists the first ones and links to the Data contract tab', async () => {
    renderCard(contractApi({ name: 'orders', definition: INVALID }));

    const title = await screen.findByText(/^\d+ errors$/);
    const count = Number(title.textContent!.split(' ')[0]);
    expect(count).toBeGreaterThan(3);

    const list = screen.getByRole('list', { name: 'First 3 contract errors' });
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(3);
    for (const item of items) {
      expect(item.textContent).toMatch(/^\/\S* — .+/);
    }
    expect(
      screen.getByText(
        `and ${count - 3} more ${count - 3 === 1 ? 'error' : 'errors'}.`,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', {
        name: `See all ${count} errors in the Data contract tab`,
      }),
    ).toHaveAttribute('href', expect.stringMatching(/\/contract$/));
  });

  it('shows on ODCS contract APIs only', async () => {
    renderCard({
      ...contractApi({ name: 'rest', type: 'openapi' }),
    });
    expect(await screen.findByTestId('empty-entity-page')).toBeInTheDocument();
  });

  it('does not show on data products', async () => {
    renderCard(dealFraudScores);
    expect(await screen.findByTestId('empty-entity-page')).toBeInTheDocument();
  });
});
