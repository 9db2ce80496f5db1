import {
  HttpHeaders,
  PipelinePolicy,
  PipelineRequest,
  RestError,
} from '@azure/core-rest-pipeline';

/** What the SDK accepts as an abort signal (a DOM AbortSignal is one). */
export type AbortSignalLike = NonNullable<PipelineRequest['abortSignal']>;

/** At most `limit` calls within any `windowMs` milliseconds. */
export interface CostManagementQuotaWindow {
  limit: number;
  windowMs: number;
}

/**
 * Cost Management's documented quota per tenant: 12 calls per 10 s, 60 per
 * minute, 600 per hour.
 */
export const DEFAULT_COST_MANAGEMENT_QUOTA_WINDOWS: readonly CostManagementQuotaWindow[] =
  [
    { limit: 12, windowMs: 10_000 },
    { limit: 60, windowMs: 60_000 },
    { limit: 600, windowMs: 3_600_000 },
  ];

/** How long a call may wait for the quota before it fails instead. */
export const DEFAULT_COST_MANAGEMENT_MAX_WAIT_MS = 120_000;

export interface CostManagementQuotaOptions {
  windows?: readonly CostManagementQuotaWindow[];
  maxWaitMs?: number;
  /** The clock (epoch ms); tests inject their own. */
  now?: () => number;
  /** Waits `ms`, rejecting with an AbortError when `signal` fires. */
  sleep?: (ms: number, signal?: AbortSignalLike) => Promise<void>;
}

export interface CostManagementQuotaSnapshot {
  /** Calls recorded within each window, in the order of `windows`. */
  used: number[];
  /** End of the latest pause Azure asked for (epoch ms; may be past). */
  pausedUntil?: number;
  /** Total time calls spent waiting for the quota (failed waits included). */
  waitedMs: number;
  /** Calls recorded since the quota was created (every attempt counts). */
  calls: number;
}

/** What held a call back: Azure's pause or one of our windows. */
type Hold =
  | { source: 'azure' }
  | { source: 'quota'; window: CostManagementQuotaWindow };

/** Seconds as a person reads a wait: whole seconds, rounded up. */
function wholeSeconds(ms: number) {
  return Math.max(0, Math.ceil(ms / 1000));
}

function utcTime(epochMs: number) {
  return `${new Date(epochMs).toISOString().slice(11, 19)} UTC`;
}

function describeWindow({ limit, windowMs }: CostManagementQuotaWindow) {
  return `${limit} call${limit === 1 ? '' : 's'} per ${wholeSeconds(
    windowMs,
  )} s`;
}

/**
 * Azure's Cost Management quota is spent for this tenant: either Azure
 * answered 429 asking for a wait longer than a call may wait, or the portal's
 * own count says the next free slot is that far away. Failing at once keeps a
 * refresh from hanging for up to an hour; the caller keeps its last data.
 */
export class CostManagementThrottledError extends RestError {
  static readonly CODE = 'TooManyRequests';
  /** How long Azure (or the quota) asks to wait, in ms. */
  readonly waitMs: number;
  /** When the next call may go (epoch ms). */
  readonly until: number;
  /** `azure`: a 429's retry header; `quota`: the portal's own windows. */
  readonly source: 'azure' | 'quota';

  constructor(details: {
    waitMs: number;
    until: number;
    source: 'azure' | 'quota';
    window?: CostManagementQuotaWindow;
    request?: PipelineRequest;
  }) {
    const wait = `${wholeSeconds(details.waitMs)} s (until ${utcTime(
      details.until,
    )})`;
    super(
      details.source === 'quota' && details.window
        ? `Cost Management quota for this tenant is used up; its limit of ${describeWindow(
            details.window,
          )} frees the next call in ${wait}`
        : `Cost Management quota for this tenant is used up; Azure asks to wait ${wait}`,
      {
        code: CostManagementThrottledError.CODE,
        statusCode: 429,
        // No response: the SDK's retry policy would read its retry header and
        // sleep for as long as Azure asked, which is what this error avoids.
        request: details.request,
      },
    );
    // RestError's constructor resets the prototype to its own, which would
    // make this error lose its class (and instanceof) to the base.
    Object.setPrototypeOf(this, new.target.prototype);
    this.waitMs = details.waitMs;
    this.until = details.until;
    this.source = details.source;
  }
}

function abortError() {
  const error = new Error('The operation was aborted.');
  error.name = 'AbortError';
  return error;
}

function sleepFor(ms: number, signal?: AbortSignalLike): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortError());
      return;
    }
    let timer: ReturnType<typeof setTimeout> | undefined = undefined;
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError());
    };
    timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort);
  });
}

function checkWindows(windows: readonly CostManagementQuotaWindow[]) {
  if (windows.length === 0) {
    throw new Error(
      'CostManagementQuota windows must list at least one {limit, windowMs}',
    );
  }
  windows.forEach(({ limit, windowMs }, i) => {
    if (!Number.isInteger(limit) || limit < 1) {
      throw new Error(
        `CostManagementQuota windows[${i}].limit must be a positive integer, got ${limit}`,
      );
    }
    if (!Number.isFinite(windowMs) || windowMs <= 0) {
      throw new Error(
        `CostManagementQuota windows[${i}].windowMs must be a positive number of milliseconds, got ${windowMs}`,
      );
    }
  });
}

/**
 * Cost Management's quota is per tenant, not per client or caller: every call
 * the backend makes (SDK retries included) spends it, and a 429 stops all of
 * them. One instance per {@link AzureClients} counts calls in sliding windows,
 * lets a call go when every window has room, and holds every call while Azure
 * asks to pause.
 *
 * Waiting calls go first come, first served: each one's slot is computed as
 * if the calls ahead of it went first, so a caller far back in the queue
 * knows at once that its wait would exceed `maxWaitMs` and fails.
 */
export class CostManagementQuota {
  readonly windows: readonly CostManagementQuotaWindow[];
  readonly maxWaitMs: number;
  private readonly clock: () => number;
  private readonly sleep: (
    ms: number,
    signal?: AbortSignalLike,
  ) => Promise<void>;
  private readonly longestWindowMs: number;
  /** Times calls went, oldest first, within the longest window. */
  private sent: number[] = [];
  private readonly queue: object[] = [];
  private pausedUntilMs?: number;
  private waitedMs = 0;
  private calls = 0;

  constructor(options: CostManagementQuotaOptions = {}) {
    this.windows = (
      options.windows ?? DEFAULT_COST_MANAGEMENT_QUOTA_WINDOWS
    ).map(w => ({ ...w }));
    checkWindows(this.windows);
    this.maxWaitMs = options.maxWaitMs ?? DEFAULT_COST_MANAGEMENT_MAX_WAIT_MS;
    if (!Number.isFinite(this.maxWaitMs) || this.maxWaitMs < 0) {
      throw new Error(
        `CostManagementQuota maxWaitMs must be a number of milliseconds ≥ 0, got ${this.maxWaitMs}`,
      );
    }
    this.clock = options.now ?? Date.now;
    this.sleep = options.sleep ?? sleepFor;
    this.longestWindowMs = Math.max(...this.windows.map(w => w.windowMs));
  }

  /** The quota's clock (epoch ms). */
  now(): number {
    return this.clock();
  }

  /**
   * Waits until every window has room (and any pause is over), then records
   * the call. Throws {@link CostManagementThrottledError} at once when the
   * wait would exceed `maxWaitMs`, and an AbortError when `signal` fires.
   */
  async acquire(signal?: AbortSignalLike): Promise<void> {
    if (signal?.aborted) throw abortError();
    const ticket = {};
    this.queue.push(ticket);
    const startedAt = this.clock();
    try {
      for (;;) {
        const now = this.clock();
        this.forget(now);
        const { at, hold } = this.slotOf(this.queue.indexOf(ticket), now);
        if (at <= now) {
          this.sent.push(now);
          this.calls += 1;
          return;
        }
        if (at - startedAt > this.maxWaitMs) {
          throw new CostManagementThrottledError({
            waitMs: at - now,
            until: at,
            ...hold,
          });
        }
        await this.sleep(at - now, signal);
        // A pause may have arrived or ended meanwhile; the loop looks again.
      }
    } finally {
      this.queue.splice(this.queue.indexOf(ticket), 1);
      this.waitedMs += this.clock() - startedAt;
    }
  }

  /** Holds every call until `epochMs` (Azure's retry header said so). */
  pauseUntil(epochMs: number): void {
    if (!Number.isFinite(epochMs)) return;
    this.pausedUntilMs = Math.max(this.pausedUntilMs ?? epochMs, epochMs);
  }

  snapshot(): CostManagementQuotaSnapshot {
    const now = this.clock();
    this.forget(now);
    return {
      used: this.windows.map(
        w => this.sent.filter(t => t > now - w.windowMs).length,
      ),
      pausedUntil: this.pausedUntilMs,
      waitedMs: this.waitedMs,
      calls: this.calls,
    };
  }

  private forget(now: number) {
    const oldest = now - this.longestWindowMs;
    let drop = 0;
    while (drop < this.sent.length && this.sent[drop] <= oldest) drop += 1;
    if (drop > 0) this.sent.splice(0, drop);
  }

  /**
   * When the call at `position` in the queue may go: the calls ahead of it
   * take the earliest slots one by one. A call at time t fits a window when
   * fewer than `limit` calls lie in (t − windowMs, t], i.e. once the
   * limit-th most recent call has left the window.
   */
  private slotOf(position: number, now: number): { at: number; hold: Hold } {
    const times = [...this.sent];
    let at = now;
    let hold: Hold = { source: 'azure' };
    for (let i = 0; i <= position; i++) {
      let slot = at;
      if (this.pausedUntilMs !== undefined && this.pausedUntilMs > slot) {
        slot = this.pausedUntilMs;
        hold = { source: 'azure' };
      }
      for (const window of this.windows) {
        if (times.length < window.limit) continue;
        const free = times[times.length - window.limit] + window.windowMs;
        if (free > slot) {
          slot = free;
          hold = { source: 'quota', window };
        }
      }
      times.push(slot);
      at = slot;
    }
    return { at, hold };
  }
}

const COST_MANAGEMENT_RETRY_HEADER =
  /^x-ms-ratelimit-microsoft\.costmanagement-[a-z]+-retry-after$/i;

/** A non-negative number, or undefined for anything else. */
function numberOf(value: string): number | undefined {
  if (!/^\s*\d+(\.\d+)?\s*$/.test(value)) return undefined;
  return Number(value);
}

/**
 * The longest delay any of Azure's retry headers asks for, in ms:
 * `retry-after` (seconds or an HTTP date), `retry-after-ms`,
 * `x-ms-retry-after-ms`, and Cost Management's own
 * `x-ms-ratelimit-microsoft.costmanagement-<kind>-retry-after` (seconds),
 * which the SDK does not read. Undefined when none is there.
 */
export function retryDelayMsOf(
  headers: HttpHeaders,
  now: number,
): number | undefined {
  const delays: number[] = [];
  for (const [name, value] of headers) {
    const header = name.toLowerCase();
    let delay: number | undefined;
    if (header === 'retry-after') {
      const seconds = numberOf(value);
      if (seconds !== undefined) delay = seconds * 1000;
      else {
        const date = Date.parse(value);
        if (Number.isFinite(date)) delay = Math.max(0, date - now);
      }
    } else if (
      header === 'retry-after-ms' ||
      header === 'x-ms-retry-after-ms'
    ) {
      delay = numberOf(value);
    } else if (COST_MANAGEMENT_RETRY_HEADER.test(header)) {
      const seconds = numberOf(value);
      if (seconds !== undefined) delay = seconds * 1000;
    }
    if (delay !== undefined) delays.push(delay);
  }
  return delays.length ? Math.max(...delays) : undefined;
}

export const COST_MANAGEMENT_QUOTA_POLICY_NAME =
  'dataplatformCostManagementQuotaPolicy';

/**
 * Spends the tenant's quota on every attempt and makes a 429 hold every
 * Cost Management call, not just the one that got it.
 *
 * It must run per retry (after the SDK's retry policy), so each retry is
 * counted and waits for the quota, and so the SDK's throttling retry sees the
 * `retry-after` set here: the SDK reads only `retry-after`, `retry-after-ms`
 * and `x-ms-retry-after-ms`, while Cost Management often answers with its own
 * `x-ms-ratelimit-microsoft.costmanagement-*-retry-after` headers, which
 * alone would make the SDK give up on the first 429.
 */
export function costManagementQuotaPolicy(
  quota: CostManagementQuota,
): PipelinePolicy {
  return {
    name: COST_MANAGEMENT_QUOTA_POLICY_NAME,
    async sendRequest(request, next) {
      await quota.acquire(request.abortSignal);
      const response = await next(request);
      if (response.status !== 429 && response.status !== 503) return response;
      const now = quota.now();
      const delayMs = retryDelayMsOf(response.headers, now);
      if (delayMs === undefined) return response;
      quota.pauseUntil(now + delayMs);
      if (delayMs > quota.maxWaitMs) {
        throw new CostManagementThrottledError({
          waitMs: delayMs,
          until: now + delayMs,
          source: 'azure',
          request,
        });
      }
      if (!response.headers.has('retry-after')) {
        response.headers.set('retry-after', String(wholeSeconds(delayMs)));
      }
      return response;
    },
  };
}
