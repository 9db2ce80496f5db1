import { createRouteRef } from '@backstage/frontend-plugin-api';

/** The platform page: cost across the estate. */
export const rootRouteRef = createRouteRef();
