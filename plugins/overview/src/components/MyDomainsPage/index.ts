export { MyDomainsPage } from './MyDomainsPage';
