// Fault tests let the Azure SDK retry a failing call with its own backoff
// (three retries, seconds apart), and every package's tests share two cores
// in CI: a test gets a minute, not jest's default five seconds.
jest.setTimeout(60_000);
