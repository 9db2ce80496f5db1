import https from 'node:https';
import type { LocalAzureEndpoint } from '../server';

export interface RawResponse {
  status: number;
  headers: Record<string, unknown>;
  text: string;
  json: any;
}

/** A tiny HTTPS client trusting only the endpoint's CA, so tests see raw answers. */
export function call(
  endpoint: LocalAzureEndpoint,
  method: string,
  path: string,
  options: { body?: unknown; token?: string | null } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    // Joined as text: new URL() would read a path starting with // as a host.
    const url = new URL(`${endpoint.url}${path}`);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
    };
    const token = options.token === undefined ? endpoint.token : options.token;
    if (token) headers.authorization = `Bearer ${token}`;
    const req = https.request(
      url,
      { method, ca: endpoint.caCertificatePem, headers },
      res => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', chunk => (text += chunk));
        res.on('end', () => {
          let json: any;
          try {
            json = text ? JSON.parse(text) : undefined;
          } catch {
            json = undefined;
          }
          resolve({
            status: res.statusCode!,
            headers: res.headers,
            text,
            json,
          });
        });
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(JSON.stringify(options.body));
    req.end();
  });
}
