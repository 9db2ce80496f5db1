/*
 * Runs after the web server (frontend on :3000) answers: waits until the backend is
 * ready too, so the first test does not race the backend's start-up.
 */
const READINESS_URL =
  process.env.E2E_BACKEND_READINESS_URL ??
  'http://localhost:7007/.backstage/health/v1/readiness';
const TIMEOUT_MS = 180_000;

export default async function globalSetup(): Promise<void> {
  const deadline = Date.now() + TIMEOUT_MS;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(READINESS_URL);
      if (response.ok) {
        return;
      }
      last = `HTTP ${response.status}: ${(await response.text()).slice(
        0,
        200,
      )}`;
    } catch (error) {
      const cause = (error as { cause?: unknown }).cause ?? error;
      last = String(cause);
    }
    await new Promise(resolve => setTimeout(resolve, 1_000));
  }
  throw new Error(
    `The Backstage backend was not ready within ${TIMEOUT_MS / 1000} s ` +
      `(${READINESS_URL}; last: ${last})`,
  );
}
