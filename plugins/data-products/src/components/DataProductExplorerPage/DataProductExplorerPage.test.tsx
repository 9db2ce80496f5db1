import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { Entity } from '@backstage/catalog-model';
import { catalogEntities } from '../../__testUtils__/fixtures';
import { DataProductExplorerPage } from './DataProductExplorerPage';

function renderExplorer(
  options: { entities?: Entity[]; url?: string; catalogApi?: any } = {},
) {
  return renderInTestApp(<DataProductExplorerPage />, {
    apis: [
      options.catalogApi ??
        catalogApiMock({ entities: options.entities ?? catalogEntities }),
    ],
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    initialRouteEntries: [options.url ?? '/data-products'],
  });
}

function resultTitles() {
  return screen
    .queryAllByRole('article')
    .map(article => article.getAttribute('aria-label'));
}

function card(title: string) {
  return screen.getByRole('article', { name: title });
}

function chip(group: string, label: string) {
  return within(screen.getByRole('group', { name: group })).getByRole(
    'button',
    { name: label },
  );
}

async function chooseOption(select: string, option: RegExp) {
  fireEvent.mouseDown(screen.getByRole('combobox', { name: select }));
  fireEvent.click(await screen.findByRole('option', { name: option }));
  // Close the menu as a person would, so the page is usable again.
  fireEvent.keyDown(screen.getByRole('listbox'), { key: 'Escape' });
}

describe('DataProductExplorerPage', () => {
  it('shows every data product with its layer, freshness and contract state', async () => {
    renderExplorer();

    expect(await screen.findByText('4 data products')).toBeInTheDocument();
    expect(resultTitles()).toEqual([
      'CRM opportunities',
      'Deal fraud scores',
      'General ledger postings',
      'Pipeline forecast',
    ]);

    const fraud = card('Deal fraud scores');
    expect(
      within(fraud).getByRole('link', { name: 'Deal fraud scores' }),
    ).toHaveAttribute('href', '/catalog/default/dataproduct/deal-fraud-scores');
    expect(
      within(fraud).getByText('A fraud-risk score for every open sales deal.'),
    ).toBeInTheDocument();
    expect(within(fraud).getByText('Gold')).toBeInTheDocument();
    expect(within(fraud).getByText('Confidential')).toBeInTheDocument();
    expect(
      within(fraud).getByText('Fresh within 15 minutes'),
    ).toBeInTheDocument();
    expect(
      within(fraud).getByRole('link', { name: 'finance' }),
    ).toHaveAttribute('href', '/catalog/default/domain/finance');
    expect(
      within(fraud).getByRole('link', { name: 'finance-team' }),
    ).toBeInTheDocument();
    expect(within(fraud).getByText('Contract valid')).toBeInTheDocument();

    expect(
      within(card('General ledger postings')).getByText('3 contract errors'),
    ).toBeInTheDocument();
    expect(
      within(card('General ledger postings')).getByText('Fresh within 4 hours'),
    ).toBeInTheDocument();
    expect(
      within(card('CRM opportunities')).getByText('Contract missing'),
    ).toBeInTheDocument();
    expect(
      within(card('Pipeline forecast')).getByText('Fresh within 1 day'),
    ).toBeInTheDocument();
  });

  it('narrows the results by layer and domain and updates the counts of the other filters', async () => {
    renderExplorer();
    await screen.findByText('4 data products');

    expect(chip('Layer', 'Gold (2)')).toHaveAttribute('aria-pressed', 'false');
    expect(chip('Layer', 'Silver (1)')).toBeInTheDocument();
    expect(chip('Layer', 'Bronze (1)')).toBeInTheDocument();
    expect(chip('Classification', 'Internal (2)')).toBeInTheDocument();

    fireEvent.click(chip('Layer', 'Gold (2)'));

    expect(
      await screen.findByText('Showing 2 of 4 data products'),
    ).toBeInTheDocument();
    expect(resultTitles()).toEqual(['Deal fraud scores', 'Pipeline forecast']);
    expect(chip('Layer', 'Gold (2)')).toHaveAttribute('aria-pressed', 'true');
    // Counts of the other filters now count gold products only.
    expect(chip('Classification', 'Internal (1)')).toBeInTheDocument();
    expect(chip('Classification', 'Confidential (1)')).toBeInTheDocument();
    expect(chip('Classification', 'Restricted (0)')).toHaveAttribute(
      'aria-disabled',
      'true',
    );
    expect(chip('Lifecycle', 'Experimental (1)')).toBeInTheDocument();
    expect(chip('Lifecycle', 'Development (0)')).toBeInTheDocument();

    await chooseOption('Domain', /^finance \(1\)$/);

    await waitFor(() => expect(resultTitles()).toEqual(['Deal fraud scores']));
    expect(
      screen.getByText('Showing 1 of 4 data products'),
    ).toBeInTheDocument();
    // A layer count tells what choosing that layer instead would show.
    expect(chip('Layer', 'Silver (1)')).toBeInTheDocument();
    expect(chip('Layer', 'Bronze (0)')).toBeInTheDocument();
  });

  it('searches titles, descriptions, tags, domains and owners', async () => {
    renderExplorer();
    await screen.findByText('4 data products');
    const search = screen.getByRole('searchbox', {
      name: 'Search data products',
    });

    await userEvent.type(search, 'fraud');
    await waitFor(() => expect(resultTitles()).toEqual(['Deal fraud scores']));
    expect(chip('Layer', 'Gold (1)')).toBeInTheDocument();
    expect(chip('Layer', 'Silver (0)')).toBeInTheDocument();

    await userEvent.clear(search);
    await userEvent.type(search, 'sales-team');
    await waitFor(() =>
      expect(resultTitles()).toEqual([
        'CRM opportunities',
        'Pipeline forecast',
      ]),
    );

    await userEvent.clear(search);
    await userEvent.type(search, 'sap');
    await waitFor(() =>
      expect(resultTitles()).toEqual(['General ledger postings']),
    );
  });

  it('reads the filters from the address, so a filtered view can be linked', async () => {
    renderExplorer({ url: '/data-products?domain=sales&layer=gold' });

    expect(
      await screen.findByText('Showing 1 of 4 data products'),
    ).toBeInTheDocument();
    expect(resultTitles()).toEqual(['Pipeline forecast']);
    expect(chip('Layer', 'Gold (1)')).toHaveAttribute('aria-pressed', 'true');
  });

  it('offers to clear the filters when nothing matches', async () => {
    renderExplorer({ url: '/data-products?q=no-such-thing' });

    expect(
      await screen.findByText('No data products match'),
    ).toBeInTheDocument();
    expect(resultTitles()).toEqual([]);

    fireEvent.click(
      screen.getAllByRole('button', { name: 'Clear filters' })[0],
    );

    expect(await screen.findByText('4 data products')).toBeInTheDocument();
    expect(
      screen.getByRole('searchbox', { name: 'Search data products' }),
    ).toHaveValue('');
  });

  it('says so when the catalog holds no data products', async () => {
    renderExplorer({ entities: [] });

    expect(
      await screen.findByText('No data products in the catalog yet'),
    ).toBeInTheDocument();
  });

  it('shows why the data products could not be loaded', async () => {
    const catalogApi = catalogApiMock.mock({
      getEntities: jest.fn().mockRejectedValue(new Error('catalog is down')),
    });
    renderExplorer({ catalogApi });

    expect(
      await screen.findByText(
        /Could not load the data products from the catalog/,
      ),
    ).toBeInTheDocument();
    expect(screen.getAllByText(/catalog is down/).length).toBeGreaterThan(0);
  });

  it('asks the catalog only for data products and ODCS contracts, and only for the fields it shows', async () => {
    const catalogApi = catalogApiMock.mock({
      getEntities: jest.fn().mockResolvedValue({ items: [] }),
    });
    renderExplorer({ catalogApi });
    await screen.findByText('No data products in the catalog yet');

    expect(catalogApi.getEntities).toHaveBeenCalledWith(
      expect.objectContaining({
        filter: { kind: 'DataProduct' },
        fields: expect.arrayContaining(['metadata.name', 'spec.outputPorts']),
      }),
    );
    expect(catalogApi.getEntities).toHaveBeenCalledWith(
      expect.objectContaining({
        filter: { kind: 'API', 'spec.type': 'odcs' },
        fields: expect.arrayContaining(['metadata.annotations']),
      }),
    );
  });
});
