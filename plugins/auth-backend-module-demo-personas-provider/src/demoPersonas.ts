import { RootConfigService } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';

export const DEMO_PERSONA_HEADER = 'x-demo-persona';
export const PERSONA_KINDS = ['platform-engineer', 'domain-owner', 'data-citizen'] as const;

export interface DemoPersona {
  userEntityRef: string;
  displayName: string;
  persona: (typeof PERSONA_KINDS)[number];
  description: string;
}

/**
 * Reads `dataplatform.demoPersonas` (its schema is in the app package, which
 * shows the same list on the sign-in page), naming the entry and field of any
 * mistake.
 */
export function readDemoPersonas(config: RootConfigService): DemoPersona[] {
  const entries = config.getOptionalConfigArray('dataplatform.demoPersonas') ?? [];
  return entries.map((entry, index) => {
    const at = `dataplatform.demoPersonas[${index}]`;
    const ref = entry.getString('userEntityRef');
    let userEntityRef: string;
    try {
      userEntityRef = stringifyEntityRef(
        parseEntityRef(ref, { defaultKind: 'user', defaultNamespace: 'default' }),
      );
    } catch {
      throw new Error(`${at}.userEntityRef must be a user entity ref such as user:default/priya.patel, got '${ref}'`);
    }
    if (!userEntityRef.startsWith('user:')) {
      throw new Error(`${at}.userEntityRef must refer to a User entity, got '${ref}'`);
    }
    const persona = entry.getString('persona');
    if (!(PERSONA_KINDS as readonly string[]).includes(persona)) {
      throw new Error(`${at}.persona must be one of ${PERSONA_KINDS.join(', ')}; got '${persona}'`);
    }
    return {
      userEntityRef,
      displayName: entry.getString('displayName'),
      persona: persona as DemoPersona['persona'],
      description: entry.getString('description'),
    };
  });
}
