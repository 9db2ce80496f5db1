import { ResponseError } from '@backstage/errors';
import { reasonOf, statusOf } from './errors';

async function responseError(status: number, body: object) {
  return ResponseError.fromResponse(
    new Response(JSON.stringify(body), {
      status,
      statusText: status === 503 ? 'Service Unavailable' : 'Conflict',
      headers: { 'content-type': 'application/json' },
    }),
  );
}

describe('reasonOf and statusOf', () => {
  it("read the backend's reason and status from a failed response", async () => {
    const error = await responseError(503, {
      error: { name: 'ServiceUnavailableError', message: 'Scan is running' },
      response: { statusCode: 503 },
    });
    expect(error.message).toContain('503');
    expect(reasonOf(error)).toBe('Scan is running');
    expect(statusOf(error)).toBe(503);
  });

  it('read any other error as its message, without a status', () => {
    expect(reasonOf(new Error('offline'))).toBe('offline');
    expect(reasonOf('plain text')).toBe('plain text');
    expect(statusOf(new Error('offline'))).toBeUndefined();
  });
});
