import { failedCallReading, publicCallFailure, publicCode } from './reasons';
import { azureRestError } from '../__testUtils__/azure';

describe('publicCallFailure', () => {
  it.each([
    [
      { statusCode: 400, code: 'BadArgumentError' },
      'query failed: HTTP 400 BadArgumentError',
    ],
    [
      { statusCode: 403, code: 'InsufficientAccessError' },
      'query failed: HTTP 403 InsufficientAccessError',
    ],
    [{ statusCode: 500 }, 'query failed: HTTP 500'],
    [
      { statusCode: 429, code: 'TooManyRequests' },
      'throttled by Azure (HTTP 429)',
    ],
    [
      { statusCode: 504, code: 'GatewayTimeout' },
      'Azure did not answer in time (HTTP 504)',
    ],
    [{ statusCode: 408 }, 'Azure did not answer in time (HTTP 408)'],
    [{ code: 'ETIMEDOUT' }, 'Azure did not answer in time'],
    [{ code: 'ECONNREFUSED' }, 'query failed: ECONNREFUSED'],
    [{}, 'query failed'],
  ])('says %j as %p', (description, reason) => {
    expect(publicCallFailure('query', description)).toBe(reason);
  });

  it('names the kind of call', () => {
    expect(
      publicCallFailure('metrics query', {
        statusCode: 503,
        code: 'ServiceUnavailable',
      }),
    ).toBe('metrics query failed: HTTP 503 ServiceUnavailable');
  });

  it('does not repeat a "code" that is not an identifier', () => {
    expect(
      publicCallFailure('query', {
        statusCode: 400,
        code: "Query could not be parsed at 'SecretTable_CL'",
      }),
    ).toBe('query failed: HTTP 400');
    expect(publicCode('ResourceNotFound')).toBe('ResourceNotFound');
    expect(publicCode('Resource /subscriptions/x')).toBeUndefined();
    expect(publicCode(undefined)).toBeUndefined();
  });
});

describe('failedCallReading', () => {
  it('keeps Azure’s message for the detail only', () => {
    const error = azureRestError(
      400,
      'BadArgumentError',
      "Failed to resolve table expression named 'SecretTable_CL'",
    );
    expect(failedCallReading('query', error)).toEqual({
      reason: 'query failed: HTTP 400 BadArgumentError',
      detail:
        "HTTP 400: BadArgumentError: Failed to resolve table expression named 'SecretTable_CL'",
    });
  });

  it('describes what is not an Azure error at all', () => {
    expect(failedCallReading('query', 'socket hang up')).toEqual({
      reason: 'query failed',
      detail: 'socket hang up',
    });
  });
});
