import { createRouteRef } from '@backstage/frontend-plugin-api';

/** The Azure estate page. */
export const rootRouteRef = createRouteRef();
