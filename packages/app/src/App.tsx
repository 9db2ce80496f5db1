import { createApp } from '@backstage/frontend-defaults';
import apiDocsPlugin from '@backstage/plugin-api-docs/alpha';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import catalogGraphPlugin from '@backstage/plugin-catalog-graph/alpha';
import azurePlugin from '@dataplatform/plugin-azure';
import dataProductsPlugin from '@dataplatform/plugin-data-products';
import healthPlugin from '@dataplatform/plugin-health';
import provisioningPlugin from '@dataplatform/plugin-provisioning';
import retentionPlugin from '@dataplatform/plugin-retention';
import costPlugin from '@dataplatform/plugin-cost';
import overviewPlugin from '@dataplatform/plugin-overview';
import { navModule } from './modules/nav';
import { homeModule } from './modules/home';
import { signInModule } from './modules/signIn';

// `app.packages: all` also discovers the plugins in package.json; listing a
// plugin here as well is harmless, the app keeps one copy per plugin id.
// API docs and the catalog graph are listed because contract pages rely on
// them: the graph card shows producer → contract → consumer lineage.
export default createApp({
  features: [
    catalogPlugin,
    apiDocsPlugin,
    catalogGraphPlugin,
    azurePlugin,
    dataProductsPlugin,
    provisioningPlugin,
    healthPlugin,
    retentionPlugin,
    costPlugin,
    overviewPlugin,
    navModule,
    homeModule,
    signInModule,
  ],
});
