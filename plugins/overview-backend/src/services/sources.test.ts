import { mockServices } from '@backstage/backend-test-utils';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { PluginSource, itemsBody } from './sources';

describe('PluginSource', () => {
  let body = '';
  let served = 0;
  const server = http.createServer((_req, res) => {
    served += 1;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(body);
  });
  let baseUrl = '';

  beforeAll(async () => {
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>(resolve => server.close(() => resolve())));

  function source() {
    return new PluginSource<{ items: Array<{ name: string }> }>({
      pluginId: 'dataplatform-health',
      path: '/entities',
      check: itemsBody,
      auth: {
        getOwnServiceCredentials: async () => ({}),
        getPluginRequestToken: async () => ({ token: 'service-token' }),
      } as any,
      discovery: {
        getBaseUrl: async () => baseUrl,
        getExternalBaseUrl: async () => baseUrl,
      },
      logger: mockServices.logger.mock(),
      timeoutMs: 5_000,
    });
  }

  it('keeps the body object while the plugin answers the same text, and reads a new one when it changes', async () => {
    const plugin = source();
    body = JSON.stringify({ items: [{ name: 'finance' }] });
    await plugin.poll();
    const first = plugin.state.body;
    expect(first).toEqual({ items: [{ name: 'finance' }] });

    await plugin.poll();
    expect(served).toBe(2);
    expect(plugin.state.body).toBe(first);

    body = JSON.stringify({ items: [{ name: 'sales' }] });
    await plugin.poll();
    expect(plugin.state.body).not.toBe(first);
    expect(plugin.state.body).toEqual({ items: [{ name: 'sales' }] });
  });

  it('says when the answer is not JSON and keeps the last good body', async () => {
    const plugin = source();
    body = JSON.stringify({ items: [] });
    await plugin.poll();
    body = '{"items": [';
    await plugin.poll();
    expect(plugin.state.body).toEqual({ items: [] });
    expect(plugin.state.error).toMatch(
      /^dataplatform-health answered with a body that is not JSON/,
    );
  });
});
