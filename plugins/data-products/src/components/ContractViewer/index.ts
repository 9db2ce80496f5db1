export { ContractViewer } from './ContractViewer';
