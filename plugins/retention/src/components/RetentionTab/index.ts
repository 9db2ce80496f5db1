export { RetentionTab } from './RetentionTab';
