import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

// Sign-in: the embedded default lets a person pick a demo persona; production
// configures a real identity provider (see app-config.production.yaml).
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(import('@backstage/plugin-auth-backend-module-microsoft-provider'));
backend.add(
  import('@dataplatform/plugin-auth-backend-module-demo-personas-provider'),
);

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
// Data products (a kind of our own) and ODCS contracts checked on ingestion.
backend.add(
  import('@dataplatform/plugin-catalog-backend-module-data-products'),
);

backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(
  import('@backstage/plugin-scaffolder-backend-module-notifications'),
);
// data-contract:validate, so templates stop before registering a bad contract.
backend.add(
  import('@dataplatform/plugin-scaffolder-backend-module-data-contracts'),
);
// azure:* actions (vend, budget, roles, workspace) through the Azure access
// layer, and dataplatform:* actions for requests, leases and publishing.
backend.add(import('@dataplatform/plugin-scaffolder-backend-module-azure'));
backend.add(
  import('@dataplatform/plugin-scaffolder-backend-module-provisioning'),
);
// publish:github:pull-request, used when catalogPublishing.mode is pull-request.
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));

backend.add(import('@backstage/plugin-permission-backend'));
backend.add(
  import('@dataplatform/plugin-permission-backend-module-persona-policy'),
);

backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-pg'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));

backend.add(import('@backstage/plugin-user-settings-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

// The data platform: Azure is reached only through the access layer in
// @dataplatform/plugin-azure-node, configured under dataplatform.azure.
backend.add(import('@dataplatform/plugin-azure-backend'));
// Domain requests and their approval, sandbox leases and the lease task,
// and the entities templates publish in the embedded default.
backend.add(import('@dataplatform/plugin-provisioning-backend'));
backend.add(
  import('@dataplatform/plugin-catalog-backend-module-provisioned-entities'),
);

// Health models of domains and data products, evaluated against Azure
// Monitor every minute, with history and the 99.9% objective.
backend.add(import('@dataplatform/plugin-health-backend'));
backend.add(import('@dataplatform/plugin-retention-backend'));

// Cost per domain and sandbox from Cost Management and budgets, within the
// tenant's Cost Management quota, with the last good snapshot kept.
backend.add(import('@dataplatform/plugin-cost-backend'));

// The platform home, Domain pages and persona landing: one row per domain
// from the catalog and the plugins above, never a call to Azure.
backend.add(import('@dataplatform/plugin-overview-backend'));

backend.start();
