/**
 * Catalog module: the DataProduct kind with its lineage relations, and
 * validation of ODCS data contracts.
 *
 * @packageDocumentation
 */
export { catalogModuleDataProducts as default } from './module';
export { DataProductProcessor } from './processors/DataProductProcessor';
export { DataContractProcessor } from './processors/DataContractProcessor';
