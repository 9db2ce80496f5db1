import { createRouteRef } from '@backstage/frontend-plugin-api';

/** The platform page: retention across the estate. */
export const rootRouteRef = createRouteRef();
