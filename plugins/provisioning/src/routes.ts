import {
  createRouteRef,
  createSubRouteRef,
} from '@backstage/frontend-plugin-api';

/** The provisioning page; its tabs live below it. */
export const rootRouteRef = createRouteRef();

/** The "Domain requests" tab. */
export const domainRequestsRouteRef = createRouteRef();

/** One domain request, with its plan and decision. */
export const domainRequestRouteRef = createSubRouteRef({
  parent: domainRequestsRouteRef,
  path: '/:id',
});

/** The "Sandbox leases" tab. */
export const sandboxLeasesRouteRef = createRouteRef();
