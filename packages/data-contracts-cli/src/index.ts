/**
 * The `data-contracts` command line: validates ODCS data contracts in files
 * and directories, for contract repositories' CI.
 *
 * @packageDocumentation
 */
export { main } from './main';
