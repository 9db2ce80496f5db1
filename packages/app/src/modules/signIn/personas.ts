import type { ConfigApi, IdentityApi } from '@backstage/frontend-plugin-api';

/** The auth backend provider that signs people in as a demo persona. */
export const DEMO_PERSONAS_PROVIDER_ID = 'demo-personas';

/** The request header naming the persona to sign in as. */
export const DEMO_PERSONA_HEADER = 'x-demo-persona';

/** Where the chosen persona is remembered between page loads. */
export const DEMO_PERSONA_STORAGE_KEY = 'dataplatform.demoPersona';

export const PERSONA_KINDS = [
  'platform-engineer',
  'domain-owner',
  'data-citizen',
] as const;
export type PersonaKind = (typeof PERSONA_KINDS)[number];

/** A demo person from `dataplatform.demoPersonas`. */
export interface DemoPersona {
  userEntityRef: string;
  displayName: string;
  persona: PersonaKind;
  description: string;
}

export const PERSONA_KIND_LABELS: Record<
  PersonaKind,
  { one: string; many: string }
> = {
  'platform-engineer': { one: 'Platform engineer', many: 'Platform engineers' },
  'domain-owner': { one: 'Domain owner', many: 'Domain owners' },
  'data-citizen': { one: 'Data citizen', many: 'Data citizens' },
};

/**
 * Reads the demo personas from frontend config. None configured (production)
 * means people sign in with their Microsoft account instead.
 */
export function readDemoPersonas(config: ConfigApi): DemoPersona[] {
  const entries = config.getOptionalConfigArray('dataplatform.demoPersonas');
  return (entries ?? []).map(entry => {
    const persona = entry.getString('persona');
    if (!(PERSONA_KINDS as readonly string[]).includes(persona)) {
      throw new Error(
        `Invalid dataplatform.demoPersonas entry for ${entry.getString(
          'userEntityRef',
        )}: persona must be one of ${PERSONA_KINDS.join(
          ', ',
        )}, got "${persona}"`,
      );
    }
    return {
      userEntityRef: entry.getString('userEntityRef'),
      displayName: entry.getString('displayName'),
      persona: persona as PersonaKind,
      description: entry.getOptionalString('description') ?? '',
    };
  });
}

/** The persona chosen in this browser, if any. */
export function loadStoredPersona(): string | undefined {
  try {
    return window.localStorage.getItem(DEMO_PERSONA_STORAGE_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

export function storePersona(userEntityRef: string) {
  try {
    window.localStorage.setItem(DEMO_PERSONA_STORAGE_KEY, userEntityRef);
  } catch {
    // Storage unavailable (private mode): the choice lasts until reload.
  }
}

export function forgetStoredPersona() {
  try {
    window.localStorage.removeItem(DEMO_PERSONA_STORAGE_KEY);
  } catch {
    // Nothing stored.
  }
}

/**
 * Wraps the signed-in identity so that signing out also forgets the chosen
 * persona; after the app reloads, the picker shows again instead of signing
 * the same person straight back in.
 */
export function forgetPersonaOnSignOut(identity: IdentityApi): IdentityApi {
  return new Proxy(identity, {
    get(target, property) {
      if (property === 'signOut') {
        return async () => {
          forgetStoredPersona();
          await target.signOut();
        };
      }
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
