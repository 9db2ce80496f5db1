import { createRouteRef } from '@backstage/frontend-plugin-api';

/** The platform home: every domain, one column per concern. */
export const platformHomeRouteRef = createRouteRef();

/** "My domains": a domain owner's domains and requests in progress. */
export const myDomainsRouteRef = createRouteRef();

/** `/`: sends each persona to its page. */
export const landingRouteRef = createRouteRef();
