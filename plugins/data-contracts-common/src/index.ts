/**
 * ODCS v3 data contracts: the typed model and a validator whose every error
 * names the JSON path and what is allowed.
 *
 * @packageDocumentation
 */
export * from './model';
export * from './result';
export {
  validateContract,
  validateContractText,
  parseContractText,
  DEFAULT_MAX_CONTRACT_BYTES,
} from './validate';
