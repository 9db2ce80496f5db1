import { createRouteRef } from '@backstage/frontend-plugin-api';

/** The data product explorer. */
export const rootRouteRef = createRouteRef();
