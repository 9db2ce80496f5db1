import { screen, within } from '@testing-library/react';
import { registerMswTestHooks } from '@backstage/frontend-test-utils';
import { setupServer } from 'msw/node';
import { domainDataProductsEntityCard } from '../../plugin';
import {
  domainEntity,
  renderDomainCards,
  salesOverview,
  serveDomain,
  renderUnknownDomain,
  findLoadError,
} from '../../__testUtils__/domainFixtures';
import { errorResponse } from '../../__testUtils__/fixtures';

const server = setupServer();
registerMswTestHooks(server);

function renderCard(entity = domainEntity()) {
  return renderDomainCards([domainDataProductsEntityCard], entity);
}

function rowOf(name: string): HTMLElement {
  const table = screen.getByRole('table', {
    name: 'Data products of this domain',
  });
  const row = table.querySelector<HTMLElement>(`tr[data-name="${name}"]`);
  if (!row) throw new Error(`no row for ${name}`);
  return row;
}

function cellsOf(row: HTMLElement): string[] {
  return within(row)
    .getAllByRole('cell')
    .map(cell => cell.textContent ?? '');
}

describe('DomainDataProductsCard', () => {
  it('lists the data products with layer, lifecycle, health and contracts', async () => {
    serveDomain(server, salesOverview());
    renderCard();

    const table = await screen.findByRole('table', {
      name: 'Data products of this domain',
    });
    expect(
      screen.getByRole('heading', { name: 'Data products' }),
    ).toBeVisible();
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map(header => header.textContent),
    ).toEqual(['Data product', 'Layer', 'Lifecycle', 'Health', 'Contracts']);
    expect(within(table).getAllByRole('row')).toHaveLength(4);

    const orders = rowOf('sales-orders');
    expect(
      within(orders).getByRole('link', { name: 'Sales orders' }),
    ).toHaveAttribute('href', '/catalog/default/dataproduct/sales-orders');
    expect(cellsOf(orders).slice(1, 4)).toEqual([
      'gold',
      'production',
      'Unhealthy',
    ]);
    expect(
      within(orders).getByText('Unhealthy').closest('[data-attention]'),
    ).toHaveAttribute('data-attention', 'critical');

    expect(cellsOf(rowOf('sales-leads')).slice(1, 4)).toEqual([
      'silver',
      'experimental',
      'Healthy',
    ]);
    // No layer, lifecycle or health known; no contract.
    expect(cellsOf(rowOf('sales-forecast'))).toEqual([
      'Sales forecast',
      '—',
      '—',
      'Unknown',
      'No output port contract',
    ]);
  });

  it('shows each contract as a chip with its status, linking to the contract page', async () => {
    serveDomain(server, salesOverview());
    renderCard();

    await screen.findByRole('table', { name: 'Data products of this domain' });
    const orders = rowOf('sales-orders');
    const valid = within(orders).getByRole('link', {
      name: 'Sales orders v1: Valid',
    });
    expect(valid).toHaveAttribute(
      'href',
      '/catalog/default/api/sales-orders-v1',
    );
    expect(valid.querySelector('[data-attention]')).toHaveAttribute(
      'data-attention',
      'ok',
    );
    const invalid = within(orders).getByRole('link', {
      name: 'Sales orders v2: Invalid: 3 errors',
    });
    expect(invalid).toHaveAttribute(
      'href',
      '/catalog/default/api/sales-orders-v2',
    );
    expect(invalid.querySelector('[data-attention]')).toHaveAttribute(
      'data-attention',
      'critical',
    );

    const leads = rowOf('sales-leads');
    expect(
      within(leads).getByRole('link', { name: 'Sales lead events: Unchecked' }),
    ).toHaveAttribute('href', '/catalog/default/api/sales-leads-events');
    // A missing contract has no page: a chip naming the ref the port names, not a link.
    const missing = within(leads).getByText('sales-leads-v1: Missing');
    expect(missing.closest('a')).toBeNull();
    expect(missing.closest('[data-status]')).toHaveAttribute(
      'title',
      'The output port names api:default/sales-leads-v1, which is not in the catalog',
    );
    expect(missing.closest('[data-attention]')).toHaveAttribute(
      'data-attention',
      'warning',
    );
  });

  it('without data products, links to the template that creates one', async () => {
    serveDomain(server, salesOverview({ dataProducts: [] }));
    renderCard();

    expect(
      await screen.findByText('This domain has no data products yet.'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Create a data product' }),
    ).toHaveAttribute('href', '/create/templates/default/create-data-product');
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('tells that the overview backend does not know the domain yet on a 404', async () => {
    expect(
      await renderUnknownDomain(server, () => renderCard()),
    ).toBeInTheDocument();
  });

  it("shows the backend's message when it fails", async () => {
    serveDomain(server, () =>
      errorResponse(500, 'Error', 'the catalog did not answer in 10 s'),
    );
    renderCard();

    expect(
      await findLoadError(
        /Could not load the data products of this domain/,
        /the catalog did not answer in 10 s/,
      ),
    ).toBeInTheDocument();
  });
});
