import type { TokenCredential } from '@azure/core-auth';
import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import {
  LogsQueryClient,
  type LogsQueryClientOptions,
  type LogsQueryOptions,
  type LogsQueryResult,
  type QueryTimeInterval,
} from '@azure/monitor-query-logs';

/*
 * `@azure/monitor-query-logs` 1.0.0 declares `abortSignal` on its query
 * options but drops it: a query Azure does not answer then runs on through
 * every retry after its caller stopped waiting, holding one of the
 * identity's five query slots. Headers do get through, so a call with a
 * signal carries a marker header, and a policy on the client's pipeline
 * takes it off and gives the request the signal it names. The policy runs
 * before the retry policy, which then stops retrying once the signal
 * fires. Calls without a signal pass untouched.
 */

const MARKER = 'x-dataplatform-abort-signal';
type Signal = NonNullable<LogsQueryOptions['abortSignal']>;
const LOG_QUERY_ABORT_POLICY = 'dataplatformLogQueryAbort';

/** A LogsQueryClient whose queries honour `options.abortSignal`. */
export class AbortableLogsQueryClient extends LogsQueryClient {
  private readonly signals = new Map<string, Signal>();
  private counter = 0;

  constructor(credential: TokenCredential, options?: LogsQueryClientOptions) {
    super(credential, options);
    const signals = this.signals;
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
    this.pipeline.addPolicy(policy);
  }

  async queryResource(
    resourceId: string,
    query: string,
    timespan: QueryTimeInterval,
    options?: LogsQueryOptions,
  ): Promise<LogsQueryResult> {
    return this.withSignal(options, marked =>
      super.queryResource(resourceId, query, timespan, marked),
    );
  }

  async queryWorkspace(
    workspaceId: string,
    query: string,
    timespan: QueryTimeInterval,
    options?: LogsQueryOptions,
  ): Promise<LogsQueryResult> {
    return this.withSignal(options, marked =>
      super.queryWorkspace(workspaceId, query, timespan, marked),
    );
  }

  private async withSignal<T>(
    options: LogsQueryOptions | undefined,
    call: (options: LogsQueryOptions | undefined) => Promise<T>,
  ): Promise<T> {
    const signal = options?.abortSignal;
    if (!signal) return call(options);
    this.counter += 1;
    const id = String(this.counter);
    this.signals.set(id, signal);
    try {
      return await call({
        ...options,
        requestOptions: {
          ...options.requestOptions,
          headers: { ...options.requestOptions?.headers, [MARKER]: id },
        },
      });
    } finally {
      this.signals.delete(id);
    }
  }
}
