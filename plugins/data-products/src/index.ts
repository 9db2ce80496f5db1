/**
 * Data products for the data-platform portal: the explorer, the ODCS
 * contract viewer and the data product cards of the catalog entity pages.
 *
 * @packageDocumentation
 */
export { dataProductsPlugin as default } from './plugin';
