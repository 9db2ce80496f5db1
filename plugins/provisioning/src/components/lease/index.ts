export { ExtendLeaseButton, EXTEND_NOT_ALLOWED } from './ExtendLeaseButton';
export { LeaseExpiry, SpendBar, timeLeftText } from './LeaseFacts';
