import { useMemo } from 'react';
import { stringify } from 'yaml';
import type { Entity } from '@backstage/catalog-model';
import {
  ContractError,
  parseContractText,
  validateContract,
  validateContractText,
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

function failure(error: unknown): ContractError {
  return {
    path: '/',
    message: `the contract could not be checked: ${
      error instanceof Error ? error.message : String(error)
    }`,
  };
}

/** Checks an API entity's `spec.definition` against ODCS. Never throws. */
export function checkContractDefinition(definition: unknown): ContractCheck {
  if (typeof definition === 'string') {
    try {
      const result = validateContractText(definition);
      let document: unknown = result.contract;
      if (document === undefined) {
        // The verdict does not carry an invalid document; read it again to
        // show what is there beside the errors.
        document = parseContractText(definition).document;
      }
      return {
        text: definition,
        valid: result.valid,
        apiVersion: result.apiVersion,
        errors: result.errors,
        document,
      };
    } catch (error) {
      return { text: definition, valid: false, errors: [failure(error)] };
    }
  }
  if (isRecord(definition)) {
    // Written inline as YAML instead of a string; still worth showing.
    const text = stringify(definition);
    try {
      const result = validateContract(definition);
      return {
        text,
        valid: result.valid,
        apiVersion: result.apiVersion,
        errors: result.errors,
        document: definition,
      };
    } catch (error) {
      return {
        text,
        valid: false,
        errors: [failure(error)],
        document: definition,
      };
    }
  }
  return { valid: false, errors: [NO_DEFINITION] };
}

/** The check of the contract held by an API entity, redone only when its definition changes. */
export function useContractCheck(entity: Entity): ContractCheck {
  const definition = entity.spec?.definition;
  return useMemo(() => checkContractDefinition(definition), [definition]);
}
