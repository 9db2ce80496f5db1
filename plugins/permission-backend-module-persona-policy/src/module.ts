import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { catalogLocationCreatePermission } from '@backstage/plugin-catalog-common/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { permissionAudiencesServiceRef } from '@dataplatform/plugin-persona-policy-node';
import { DomainOwnerGroups } from './DomainOwnerGroups';
import { PersonaPermissionPolicy } from './PersonaPermissionPolicy';

/** The portal's permission policy, by persona: platform team, domain owners, everyone else. */
export const permissionModulePersonaPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'persona-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        policy: policyExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        auth: coreServices.auth,
        userInfo: coreServices.userInfo,
        catalog: catalogServiceRef,
        audiences: permissionAudiencesServiceRef,
      },
      async init({ policy, config, logger, auth, userInfo, catalog, audiences }) {
        const key = 'dataplatform.permissions.platformTeam';
        const configured = config.getOptionalString(key) ?? 'group:default/platform-team';
        let platformTeam: string;
        try {
          platformTeam = stringifyEntityRef(
            parseEntityRef(configured, { defaultKind: 'group', defaultNamespace: 'default' }),
          );
        } catch {
          throw new Error(`${key} must be a group entity ref such as group:default/platform-team, got '${configured}'`);
        }
        const cacheSeconds =
          config.getOptionalNumber('dataplatform.permissions.domainOwnersCacheSeconds') ?? 60;
        const owners = new DomainOwnerGroups(catalog, auth, logger, cacheSeconds * 1000);
        // Registering a catalog location is how a new template gets in, and a
        // template can call the azure:* actions with any input: only the
        // platform team adds locations; everyone else proposes a pull request
        // to the platform repository.
        audiences.register('platform-team', [catalogLocationCreatePermission]);
        policy.setPolicy(
          new PersonaPermissionPolicy({
            audiences,
            userInfo,
            platformTeam,
            domainOwnerGroups: () => owners.get(),
          }),
        );
        logger.info(`Persona permission policy active; platform team is ${platformTeam}`);
      },
    });
  },
});
