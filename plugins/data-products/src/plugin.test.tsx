import { screen } from '@testing-library/react';
import { renderTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import dataProductsPlugin from '.';
import { catalogEntities } from './__testUtils__/fixtures';

describe('dataProductsPlugin', () => {
  it('serves the explorer at /data-products with a nav item', async () => {
    renderTestApp({
      features: [dataProductsPlugin],
      initialRouteEntries: ['/data-products'],
      apis: [catalogApiMock({ entities: catalogEntities })],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });

    // Wait for the lazily loaded page and its data before looking around.
    expect(await screen.findByText('4 data products')).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { level: 1, name: 'Data products' }),
    ).toBeInTheDocument();
    expect(
      screen
        .getAllByRole('link', { name: /Data products/ })
        .some(link => link.getAttribute('href') === '/data-products'),
    ).toBe(true);
  });

  it('provides the contract tab and the cards under stable extension ids', () => {
    // Ids are what app-config uses to configure or disable an extension.
    for (const id of [
      'page:dataplatform-data-products',
      'entity-content:dataplatform-data-products/contract',
      'entity-card:dataplatform-data-products/contract-validation',
      'entity-card:dataplatform-data-products/data-product-about',
      'entity-card:dataplatform-data-products/data-product-ports',
    ] as const) {
      expect(dataProductsPlugin.getExtension(id)).toBeDefined();
    }
  });
});
