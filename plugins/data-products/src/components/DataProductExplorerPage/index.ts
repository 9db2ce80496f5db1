export { DataProductExplorerPage } from './DataProductExplorerPage';
