import {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { stringifyError } from '@backstage/errors';
import { createHash } from 'node:crypto';
import { redactSecrets } from './redact';

/**
 * What the overview holds of one source: its last good answer and, when
 * the last poll failed, why. A failed poll never drops the good answer.
 */
export interface SourceAnswer<T> {
  /** The last good answer. */
  body?: T;
  /** When it was read (ISO). */
  asOf?: string;
  /** Why the last poll failed, one line; absent when it answered. */
  error?: string;
  /** When the last poll failed (ISO). */
  failedAt?: string;
}

/** Throws with what is wrong when a body is not the shape the overview reads. */
export type BodyCheck<T> = (body: unknown) => T;

/** `{ items: [...] }`, as the list routes of the plugins answer. */
export function itemsBody<T>(body: unknown): { items: T[] } {
  if (
    typeof body !== 'object' ||
    body === null ||
    !Array.isArray((body as { items?: unknown }).items)
  ) {
    throw new Error('the body has no items list');
  }
  return body as { items: T[] };
}

/** An error and what caused it (fetch says "fetch failed" and puts the why in `cause`). */
function causeText(error: unknown): string {
  const cause = (error as { cause?: unknown })?.cause;
  return cause
    ? `${stringifyError(error)} (${stringifyError(cause)})`
    : stringifyError(error);
}

/** A failure already worded for people ("answered HTTP 503: …"). */
class SourceError extends Error {}

/** Longest error text kept from a plugin's answer. */
const MAX_MESSAGE = 200;

async function describeFailure(response: Response): Promise<string> {
  let detail = '';
  try {
    const body = (await response.json()) as {
      error?: { name?: unknown; message?: unknown };
    };
    const name = typeof body?.error?.name === 'string' ? body.error.name : '';
    const message =
      typeof body?.error?.message === 'string' ? body.error.message : '';
    // Redacted before it is cut, so a cut never leaves half a credential.
    const said = redactSecrets([name, message].filter(Boolean).join(': '));
    if (said) {
      detail = `: ${
        said.length > MAX_MESSAGE ? `${said.slice(0, MAX_MESSAGE)}…` : said
      }`;
    }
  } catch {
    // Not a Backstage error body: the status says enough.
  }
  return `answered HTTP ${response.status}${detail}`;
}

/**
 * One route of another backend plugin, read with this plugin's service
 * token. Keeps the last good answer; sends its ETag back so an unchanged
 * answer costs a 304.
 */
export class PluginSource<T> {
  private answer: SourceAnswer<T> = {};
  private etag?: string;
  /** Digest of the text of the last answer read. */
  private digest?: string;

  constructor(
    private readonly options: {
      pluginId: string;
      /** Path and query under the plugin's base URL, e.g. `/entities`. */
      path: string;
      check: BodyCheck<T>;
      auth: AuthService;
      discovery: DiscoveryService;
      logger: LoggerService;
      timeoutMs: number;
      now?: () => Date;
    },
  ) {}

  get pluginId(): string {
    return this.options.pluginId;
  }

  get state(): SourceAnswer<T> {
    return this.answer;
  }

  /** Reads the route once; a failure is recorded in `state`, never thrown. */
  async poll(signal?: AbortSignal): Promise<void> {
    const { pluginId, logger } = this.options;
    const now = this.options.now ?? (() => new Date());
    try {
      const body = await this.read(signal);
      if (this.answer.error) {
        logger.info(`Overview: ${pluginId}${this.options.path} answers again`);
      }
      this.answer = { body, asOf: now().toISOString() };
    } catch (error) {
      const reason = redactSecrets(
        error instanceof SourceError
          ? `${pluginId} ${error.message}`
          : `${pluginId} could not be read: ${causeText(error)}`,
      );
      if (reason !== this.answer.error) {
        logger.warn(`Overview: ${pluginId}${this.options.path}: ${reason}`);
      }
      this.answer = {
        ...(this.answer.body !== undefined
          ? { body: this.answer.body, asOf: this.answer.asOf }
          : {}),
        error: reason,
        failedAt: now().toISOString(),
      };
    }
  }

  private async read(signal?: AbortSignal): Promise<T> {
    const { auth, discovery, pluginId, path, timeoutMs, check } = this.options;
    const timeout = AbortSignal.timeout(timeoutMs);
    const abort = signal ? AbortSignal.any([signal, timeout]) : timeout;
    let response: Response;
    let text: string;
    let body: unknown;
    let token: string;
    let url: string;
    try {
      ({ token } = await auth.getPluginRequestToken({
        onBehalfOf: await auth.getOwnServiceCredentials(),
        targetPluginId: pluginId,
      }));
      url = `${await discovery.getBaseUrl(pluginId)}${path}`;
    } catch (error) {
      throw new SourceError(`could not be called: ${causeText(error)}`);
    }
    try {
      const useEtag = this.etag && this.answer.body !== undefined;
      response = await fetch(url, {
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json',
          ...(useEtag ? { 'if-none-match': this.etag! } : {}),
        },
        signal: abort,
      });
      if (response.status === 304 && this.answer.body !== undefined) {
        return this.answer.body;
      }
      if (!response.ok) {
        throw new SourceError(await describeFailure(response));
      }
      text = await response.text();
    } catch (error) {
      if (error instanceof SourceError) throw error;
      if (timeout.aborted) {
        throw new SourceError(
          `did not answer within ${Math.round(timeoutMs / 1000)} s`,
        );
      }
      if (signal?.aborted) {
        throw new SourceError('was not read: the poll was stopped');
      }
      throw new SourceError(`could not be reached: ${causeText(error)}`);
    }
    // Plugins without ETags answer the same text poll after poll; keeping
    // the body object then lets the overview skip assembling its rows again.
    const digest = createHash('sha1').update(text).digest('base64');
    if (digest === this.digest && this.answer.body !== undefined) {
      return this.answer.body;
    }
    try {
      body = JSON.parse(text);
    } catch (error) {
      throw new SourceError(
        `answered with a body that is not JSON: ${causeText(error)}`,
      );
    }
    let checked: T;
    try {
      checked = check(body);
    } catch (error) {
      throw new SourceError(
        `answered with a body the overview cannot read: ${
          error instanceof Error ? error.message : String(error)
        }`,
      );
    }
    const etag = response.headers.get('etag');
    this.etag = etag ?? undefined;
    this.digest = digest;
    return checked;
  }
}
