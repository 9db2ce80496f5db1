import { readAfterListFailure, readFailure } from './reasons';

/** An error in the shape the Azure SDK throws for an HTTP error answer. */
const rest = (statusCode: number | undefined, code?: string) =>
  Object.assign(new Error(`Azure says something long about ${code}`), {
    name: 'RestError',
    statusCode,
    code,
  });

describe('readFailure', () => {
  it.each([
    [rest(429, 'TooManyRequests'), 'throttled by Azure (HTTP 429)'],
    [rest(504, 'GatewayTimeout'), 'Azure did not answer in time (HTTP 504)'],
    [rest(undefined, 'ETIMEDOUT'), 'Azure did not answer in time'],
    [
      rest(403, 'AuthorizationFailed'),
      'no read access for listing tables (HTTP 403 AuthorizationFailed)',
    ],
    [
      rest(500, 'InternalServerError'),
      'listing tables failed: HTTP 500 InternalServerError',
    ],
    // A "code" that is not one of Azure's identifiers is not repeated.
    [rest(400, 'bad <script>'), 'listing tables failed: HTTP 400'],
    [new Error('socket hang up'), 'listing tables failed'],
  ])('says %p briefly, without Azure’s message', (error, reason) => {
    expect(readFailure('listing tables', error)).toEqual({ reason });
  });
});

describe('readAfterListFailure', () => {
  it('reads a 404 as the item going away after it was listed', () => {
    expect(
      readAfterListFailure(
        'reading the immutability policy',
        rest(404, 'ContainerNotFound'),
      ),
    ).toEqual({ reason: 'deleted between list and get (HTTP 404)' });
    expect(
      readAfterListFailure(
        'reading the immutability policy',
        rest(409, 'Conflict'),
      ),
    ).toEqual({
      reason: 'reading the immutability policy failed: HTTP 409 Conflict',
    });
  });
});
