import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startLocalAzureEndpoint } from './server';

/**
 * Runs the local Azure endpoint as a process: `azure-local-endpoint --port 7443
 * --state-dir .local-azure`. It writes the CA certificate and a description of
 * itself into the state directory, which is how the portal backend finds and
 * trusts it.
 */
async function main() {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: process.env.LOCAL_AZURE_PORT ?? '7443' },
      host: { type: 'string', default: '127.0.0.1' },
      'state-dir': {
        type: 'string',
        default: process.env.LOCAL_AZURE_STATE_DIR ?? '.local-azure',
      },
      token: { type: 'string' },
      'alias-provisioning-ms': { type: 'string', default: '3000' },
      'cost-query-page-size': { type: 'string', default: '5000' },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(
      `--port must be a whole number from 0 to 65535, got '${values.port}'`,
    );
  }
  const aliasProvisioningMs = Number(values['alias-provisioning-ms']);
  if (!Number.isFinite(aliasProvisioningMs) || aliasProvisioningMs < 0) {
    throw new Error(
      `--alias-provisioning-ms must be 0 or more, got '${values['alias-provisioning-ms']}'`,
    );
  }
  const costQueryPageSize = Number(values['cost-query-page-size']);
  if (!Number.isInteger(costQueryPageSize) || costQueryPageSize < 1) {
    throw new Error(
      `--cost-query-page-size must be a whole number of rows, 1 or more, got '${values['cost-query-page-size']}'`,
    );
  }
  const stateDir = path.resolve(values['state-dir']!);
  const endpoint = await startLocalAzureEndpoint({
    host: values.host,
    port,
    token: values.token,
    aliasProvisioningMs,
    costQueryPageSize,
    log: line => console.log(line),
  });
  fs.mkdirSync(stateDir, { recursive: true });
  fs.writeFileSync(path.join(stateDir, 'ca.pem'), endpoint.caCertificatePem);
  fs.writeFileSync(
    path.join(stateDir, 'endpoint.json'),
    `${JSON.stringify(
      {
        url: endpoint.url,
        tenantId: endpoint.tenant.tenantId,
        pid: process.pid,
      },
      null,
      2,
    )}\n`,
  );
  console.log(`CA certificate written to ${path.join(stateDir, 'ca.pem')}`);
  const stop = () => {
    endpoint.close().finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch(error => {
  console.error(`local Azure endpoint failed to start: ${error.message}`);
  process.exit(1);
});
