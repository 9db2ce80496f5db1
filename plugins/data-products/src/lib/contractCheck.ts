import { useMemo } from 'react';
import { stringify } from 'yaml';
import type { Entity } from '@backstage/catalog-model';
import {
  ContractError,
  parseContractText,
  validateContract,
} from '@dataplatform/plugin-data-contracts-common';
import { isRecord } from './values';

/** What the page knows about the contract an API entity holds. */
export interface ContractCheck {
  /** The definition as text, for the raw tab; undefined when there is none. */
  text?: string;
  valid: boolean;
  apiVersion?: string;
  errors: ContractError[];
  /**
   * The parsed document, even when it does not validate, so the page can
   * show what it can; undefined when the text is not readable YAML.
   */
  document?: unknown;
}

const NO_DEFINITION: ContractError = {
  path: '/',
  message:
    'this API has no definition; an ODCS contract API keeps the contract YAML in spec.definition',
};

/** The verdict on a parsed document; the validator never throws. */
function verdict(document: unknown) {
  const { valid, apiVersion, errors } = validateContract(document);
  return { valid, apiVersion, errors };
}

/** Checks an API entity's `spec.definition` against ODCS. Never throws. */
export function checkContractDefinition(definition: unknown): ContractCheck {
  if (typeof definition === 'string') {
    // Parsed once: the document is shown beside the errors even when invalid.
    const { document, errors } = parseContractText(definition);
    if (errors.length > 0) {
      return { text: definition, valid: false, errors };
    }
    return { text: definition, ...verdict(document), document };
  }
  if (isRecord(definition)) {
    // Written inline as YAML instead of a string; still worth showing.
    return {
      text: stringify(definition),
      ...verdict(definition),
      document: definition,
    };
  }
  return { valid: false, errors: [NO_DEFINITION] };
}

/** The check of the contract held by an API entity, redone only when its definition changes. */
export function useContractCheck(entity: Entity): ContractCheck {
  const definition = entity.spec?.definition;
  return useMemo(() => checkContractDefinition(definition), [definition]);
}
