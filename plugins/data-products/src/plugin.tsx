import {
  createFrontendPlugin,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import {
  DATA_CONTRACT_API_TYPE,
  DATA_PRODUCT_KIND,
} from '@dataplatform/plugin-data-products-common';
import { DataProductsIcon } from './components/DataProductsIcon';
import { rootRouteRef } from './routes';

// Entity predicates rather than functions: they compare case-insensitively
// and an app can replace them in app-config (`config.filter`).
const isContractApi = { kind: 'api', 'spec.type': DATA_CONTRACT_API_TYPE };
const isDataProduct = { kind: DATA_PRODUCT_KIND };

/** The data product explorer; its title and icon also make its nav item. */
export const dataProductExplorerPage = PageBlueprint.make({
  params: {
    path: '/data-products',
    routeRef: rootRouteRef,
    title: 'Data products',
    icon: <DataProductsIcon fontSize="inherit" />,
    loader: () =>
      import('./components/DataProductExplorerPage').then(m => (
        <m.DataProductExplorerPage />
      )),
  },
});

/** The contract of an ODCS API, read like a document, with its validation errors. */
export const contractEntityContent = EntityContentBlueprint.make({
  name: 'contract',
  params: {
    path: '/contract',
    title: 'Data contract',
    // No group: in the documentation group it would hide in a menu beside
    // the API docs' Definition tab; readers should find it at a glance.
    filter: isContractApi,
    loader: () =>
      import('./components/ContractViewer').then(m => <m.ContractViewer />),
  },
});

/** Whether an ODCS API's contract is valid, beside its About card. */
export const contractValidationEntityCard = EntityCardBlueprint.make({
  name: 'contract-validation',
  params: {
    type: 'info',
    filter: isContractApi,
    loader: () =>
      import('./components/ContractValidationCard').then(m => (
        <m.ContractValidationCard />
      )),
  },
});

/** Domain, owner, layer, service levels and data handling of a data product. */
export const dataProductAboutEntityCard = EntityCardBlueprint.make({
  name: 'data-product-about',
  params: {
    type: 'info',
    filter: isDataProduct,
    loader: () =>
      import('./components/DataProductAboutCard').then(m => (
        <m.DataProductAboutCard />
      )),
  },
});

/** A data product's ports with the state of their contracts in the catalog. */
export const dataProductPortsEntityCard = EntityCardBlueprint.make({
  name: 'data-product-ports',
  params: {
    type: 'content',
    filter: isDataProduct,
    loader: () =>
      import('./components/DataProductPortsCard').then(m => (
        <m.DataProductPortsCard />
      )),
  },
});

/**
 * Data products for data citizens: an explorer over every data product, the
 * ODCS contract of each contract API as a readable document, and cards on
 * data product and contract entity pages.
 */
export const dataProductsPlugin = createFrontendPlugin({
  pluginId: 'dataplatform-data-products',
  title: 'Data products',
  icon: <DataProductsIcon fontSize="inherit" />,
  info: { packageJson: () => import('../package.json') },
  routes: { root: rootRouteRef },
  extensions: [
    dataProductExplorerPage,
    contractEntityContent,
    contractValidationEntityCard,
    dataProductAboutEntityCard,
    dataProductPortsEntityCard,
  ],
});
