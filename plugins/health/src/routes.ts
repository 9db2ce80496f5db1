import { createRouteRef } from '@backstage/frontend-plugin-api';

/** The platform health page. */
export const rootRouteRef = createRouteRef();
