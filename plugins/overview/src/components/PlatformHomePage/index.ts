export { PlatformHomePage } from './PlatformHomePage';
