/*
 * What the overview passes on from other plugins' error answers is worded
 * for people, but a plugin that quotes a request or a URL could quote a
 * credential with it. These patterns cover what a credential looks like on
 * this platform: JWTs (Backstage and Entra ID tokens), bearer headers, the
 * signature of an Azure storage SAS URL and secrets passed as parameters.
 * The whole match goes, name included, so nothing hints at what was there.
 */
const JWT = /\beyJ[A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]*){0,2}/g;
const BEARER = /\bBearer\s+\S+/gi;
const SAS_SIGNATURE = /\bsig=[^&\s'"]+/gi;
const SECRET_PARAMETER =
  /\b(?:client_secret|password|secret|token|access_token)=[^&\s'"]+/gi;

/** The text with anything that looks like a credential replaced by `[redacted]`. */
export function redactSecrets(text: string): string {
  return text
    .replace(BEARER, '[redacted]')
    .replace(JWT, '[redacted]')
    .replace(SAS_SIGNATURE, '[redacted]')
    .replace(SECRET_PARAMETER, '[redacted]');
}
