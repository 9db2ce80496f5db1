/**
 * Scaffolder module with the `data-contract:validate` action, so templates
 * check an ODCS data contract before anything is published or registered.
 *
 * @packageDocumentation
 */
export { scaffolderModuleDataContracts as default } from './module';
export { createValidateDataContractAction } from './actions/validate';
