import type { OdcsContract } from './model';

/** One reason a contract was rejected. */
export interface ContractError {
  /**
   * JSON pointer to the offending value (`/schema/0/properties/2/logicalType`);
   * `/` for the document itself.
   */
  path: string;
  /** What is wrong and what is allowed. */
  message: string;
}

/** The verdict on one contract document. */
export interface ContractValidationResult {
  valid: boolean;
  /** The declared `apiVersion`, when the document has a string there. */
  apiVersion?: string;
  /** Empty when valid; sorted by path in document order otherwise. */
  errors: ContractError[];
  /** The parsed document, typed, when valid. */
  contract?: OdcsContract;
}
