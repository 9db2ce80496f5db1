import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import azurePlugin from '@dataplatform/plugin-azure';
import { navModule } from './modules/nav';
import { homeModule } from './modules/home';
import { signInModule } from './modules/signIn';

// `app.packages: all` also discovers the plugins in package.json; listing a
// plugin here as well is harmless, the app keeps one copy per plugin id.
export default createApp({
  features: [catalogPlugin, azurePlugin, navModule, homeModule, signInModule],
});
