export { RetentionCard } from './RetentionCard';
