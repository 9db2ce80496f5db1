import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { SignInPageBlueprint } from '@backstage/plugin-app-react';

/** Replaces the app's sign-in page (extension `sign-in-page:app`). */
export const signInPage = SignInPageBlueprint.make({
  params: {
    loader: () =>
      import('./DataPlatformSignInPage').then(m => m.DataPlatformSignInPage),
  },
});

export const signInModule = createFrontendModule({
  pluginId: 'app',
  extensions: [signInPage],
});
