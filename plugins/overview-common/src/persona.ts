import type { Persona } from './types';

/** What decides a person's persona, looked up by the backend. */
export interface PersonaFacts {
  /** A member of the platform team group. */
  platformTeam: boolean;
  /** A group of theirs owns at least one Domain. */
  ownsDomain: boolean;
}

/**
 * The platform team wins over owning a domain (a platform engineer who also
 * owns a domain still lands on the platform home); anyone else is a data
 * citizen.
 */
export function personaOf(facts: PersonaFacts): Persona {
  if (facts.platformTeam) return 'platform-team';
  if (facts.ownsDomain) return 'domain-owner';
  return 'data-citizen';
}
