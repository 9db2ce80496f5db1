import { AccessToken, TokenCredential } from '@azure/core-auth';
import { DefaultAzureCredential } from '@azure/identity';
import { AzureAuthentication } from './config/readAzureConnectionConfig';

/**
 * A fixed bearer token. Only the local Azure endpoint accepts it; a real
 * tenant is reached with DefaultAzureCredential.
 */
class StaticTokenCredential implements TokenCredential {
  constructor(private readonly token: string) {}

  async getToken(): Promise<AccessToken> {
    return { token: this.token, expiresOnTimestamp: Date.now() + 3_600_000 };
  }
}

export function createCredential(
  authentication: AzureAuthentication,
  tenantId: string,
): TokenCredential {
  if (authentication.method === 'static-token') {
    return new StaticTokenCredential(authentication.token);
  }
  return new DefaultAzureCredential({
    tenantId,
    managedIdentityClientId: authentication.managedIdentityClientId,
  });
}
