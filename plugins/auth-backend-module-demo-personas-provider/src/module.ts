import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { AuthenticationError } from '@backstage/errors';
import {
  authProvidersExtensionPoint,
  createProxyAuthenticator,
  createProxyAuthProviderFactory,
} from '@backstage/plugin-auth-node';
import { DEMO_PERSONA_HEADER, DemoPersona, readDemoPersonas } from './demoPersonas';

/**
 * Sign-in for the embedded default: the browser names a configured demo
 * person in a header and is signed in as that catalog user, with the group
 * memberships the catalog gives them. There is no secret involved, so it
 * refuses to run in production.
 */
export const authModuleDemoPersonasProvider = createBackendModule({
  pluginId: 'auth',
  moduleId: 'demo-personas-provider',
  register(reg) {
    reg.registerInit({
      deps: {
        providers: authProvidersExtensionPoint,
        config: coreServices.rootConfig,
      },
      async init({ providers, config }) {
        const personas = new Map<string, DemoPersona>(
          readDemoPersonas(config).map(p => [p.userEntityRef, p]),
        );
        providers.registerProvider({
          providerId: 'demo-personas',
          factory: createProxyAuthProviderFactory({
            authenticator: createProxyAuthenticator({
              initialize() {
                if (process.env.NODE_ENV === 'production') {
                  throw new Error(
                    'auth.providers.demo-personas signs anyone in without a secret and cannot be enabled in production; remove it from the production configuration',
                  );
                }
              },
              async authenticate({ req }) {
                const requested = req.header(DEMO_PERSONA_HEADER);
                if (!requested) {
                  throw new AuthenticationError(
                    `Missing ${DEMO_PERSONA_HEADER} header: pick a demo person on the sign-in page`,
                  );
                }
                const persona = personas.get(requested);
                if (!persona) {
                  throw new AuthenticationError(
                    `'${requested}' is not a demo person; allowed: ${[...personas.keys()].join(', ') || 'none configured in dataplatform.demoPersonas'}`,
                  );
                }
                return { result: persona };
              },
              async defaultProfileTransform(persona: DemoPersona) {
                return { profile: { displayName: persona.displayName } };
              },
            }),
            async signInResolver({ result }, ctx) {
              // Ownership (group memberships) comes from the catalog user.
              return ctx.signInWithCatalogUser({ entityRef: result.userEntityRef });
            },
          }),
        });
      },
    });
  },
});
