import { DEFAULT_NAMESPACE, Entity } from '@backstage/catalog-model';
import {
  contractStatusOf,
  isDataContractEntity,
} from '@dataplatform/plugin-data-products-common';
import { fullRef } from './refs';
import { plural, records, text } from './values';

export type PortDirection = 'output' | 'input';

export interface PortView {
  direction: PortDirection;
  name: string;
  description?: string;
  /** The contract reference as written in the data product. */
  contract?: string;
  /** The reference in full (`api:default/x`), when it can be read. */
  contractRef?: string;
}

/** What became of a port's contract reference in the catalog. */
export type ContractState =
  | { state: 'valid' }
  | { state: 'invalid'; errorCount: number }
  | { state: 'unchecked' }
  | { state: 'missing' }
  | { state: 'not-a-contract'; kind: string; type?: string }
  | { state: 'bad-reference' };

/** Reads a contract reference the way the catalog does: kind API, the product's namespace. */
export function contractRefOf(
  contract: string | undefined,
  product: Entity,
): string | undefined {
  return fullRef(
    contract,
    'API',
    product.metadata.namespace ?? DEFAULT_NAMESPACE,
  );
}

/** The output ports, then the input ports, of a data product. */
export function portsOf(product: Entity): PortView[] {
  const read = (direction: PortDirection, value: unknown): PortView[] =>
    records(value).map((port, index) => {
      const contract = text(port.contract);
      return {
        direction,
        name: text(port.name) ?? `${direction} port ${index + 1}`,
        description: text(port.description),
        contract,
        contractRef: contractRefOf(contract, product),
      };
    });
  return [
    ...read('output', product.spec?.outputPorts),
    ...read('input', product.spec?.inputPorts),
  ];
}

/**
 * Judges a port's contract from what the catalog returned for its reference
 * (undefined when the reference resolved to nothing).
 */
export function contractStateOf(
  port: PortView,
  contract: Entity | undefined,
): ContractState {
  if (!port.contractRef) {
    return { state: 'bad-reference' };
  }
  if (!contract) {
    return { state: 'missing' };
  }
  if (!isDataContractEntity(contract)) {
    return {
      state: 'not-a-contract',
      kind: contract.kind,
      type: text(contract.spec?.type),
    };
  }
  const { status, errorCount } = contractStatusOf(contract);
  if (status === 'invalid') {
    return { state: 'invalid', errorCount };
  }
  return { state: status };
}

export function isProblem(state: ContractState): boolean {
  return state.state !== 'valid' && state.state !== 'unchecked';
}

/** A short status label for a port's contract. */
export function contractStateLabel(state: ContractState): string {
  switch (state.state) {
    case 'valid':
      return 'Valid';
    case 'invalid':
      return state.errorCount > 0
        ? `Invalid: ${plural(state.errorCount, 'error')}`
        : 'Invalid';
    case 'unchecked':
      return 'Not checked yet';
    case 'missing':
      return 'Missing';
    case 'not-a-contract':
      return 'Not an ODCS contract';
    default:
      return 'Unreadable reference';
  }
}

/** What is wrong with a port's contract, in a sentence; undefined when nothing is. */
export function contractStateExplanation(
  port: PortView,
  state: ContractState,
): string | undefined {
  const ref = port.contractRef ?? port.contract;
  switch (state.state) {
    case 'missing':
      return `Contract ${ref} is not in the catalog.`;
    case 'invalid':
      return state.errorCount > 0
        ? `Contract ${ref} does not follow ODCS: ${plural(
            state.errorCount,
            'error',
          )}.`
        : `Contract ${ref} does not follow ODCS.`;
    case 'not-a-contract':
      return `${ref} is ${
        state.type
          ? `an ${state.kind} of type ${state.type}`
          : `a ${state.kind}`
      }, not an ODCS data contract (an API of type odcs).`;
    case 'bad-reference':
      return port.contract
        ? `"${port.contract}" is not an entity reference; write it as api:namespace/name or name.`
        : 'The port names no contract.';
    default:
      return undefined;
  }
}
