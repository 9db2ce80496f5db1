import type {
  LogsQueryClient,
  LogsQueryOptions,
} from '@azure/monitor-query-logs';

type PipelinePolicy = Parameters<LogsQueryClient['pipeline']['addPolicy']>[0];

/*
 * `@azure/monitor-query-logs` 1.0.0 declares `abortSignal` on
 * `LogsQueryOptions` but drops it: its `queryResource` passes on only the
 * Prefer header and `requestOptions`. A query Azure does not answer would
 * then run on through the access layer's retries (four attempts of 30 s)
 * after the cycle stopped waiting, holding one of the identity's five
 * query slots. Headers do get through, so the call carries a marker
 * header, and a policy on the client's pipeline takes it off and gives the
 * request the signal it names. The policy runs before the retry policy,
 * which then stops retrying once the signal fires. Requests without the
 * marker pass untouched, so the shared client is otherwise unchanged.
 */

export const LOG_QUERY_ABORT_POLICY = 'dataplatformHealthLogQueryAbort';
const MARKER = 'x-dataplatform-health-read';

const signals = new Map<string, AbortSignal>();
let counter = 0;

const policy: PipelinePolicy = {
  name: LOG_QUERY_ABORT_POLICY,
  sendRequest(request, next) {
    const id = request.headers.get(MARKER);
    if (id !== undefined) {
      request.headers.delete(MARKER);
      const signal = signals.get(id);
      if (signal && !request.abortSignal) request.abortSignal = signal;
    }
    return next(request);
  },
};

function withPolicy(client: LogsQueryClient): boolean {
  // A stand-in client (tests) may have no pipeline; it gets `abortSignal` only.
  const pipeline = (client as Partial<LogsQueryClient>).pipeline;
  if (!pipeline) return false;
  if (
    !pipeline.getOrderedPolicies().some(p => p.name === LOG_QUERY_ABORT_POLICY)
  ) {
    pipeline.addPolicy(policy);
  }
  return true;
}

/**
 * Runs `call` with query options that make the request stop when `signal`
 * fires, the SDK's omission notwithstanding.
 */
export async function withAbortSignal<T>(
  client: LogsQueryClient,
  signal: AbortSignal | undefined,
  options: LogsQueryOptions,
  call: (options: LogsQueryOptions) => Promise<T>,
): Promise<T> {
  if (!signal) return call(options);
  if (!withPolicy(client)) return call({ ...options, abortSignal: signal });
  counter += 1;
  const id = String(counter);
  signals.set(id, signal);
  try {
    return await call({
      ...options,
      // Honoured should the SDK ever pass it on.
      abortSignal: signal,
      requestOptions: {
        ...options.requestOptions,
        headers: { ...options.requestOptions?.headers, [MARKER]: id },
      },
    });
  } finally {
    signals.delete(id);
  }
}
