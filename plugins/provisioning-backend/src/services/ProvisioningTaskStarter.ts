import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';

export interface StartTaskOptions {
  templateRef: string;
  values: Record<string, unknown>;
  /** The task runs as this person: the approver, so the task log shows who let it run. */
  onBehalfOf: BackstageCredentials;
}

/** Where a provisioning task stands, as the scaffolder reports it. */
export interface ProvisioningTaskStatus {
  /** The scaffolder's task status: open, processing, completed, failed, cancelled... */
  status: string;
  /** For a failed or cancelled task: the last error it logged, shortened. */
  error?: string;
}

/**
 * Starts the scaffolder task that provisions an approved domain request,
 * and reads back how it is doing.
 */
export interface ProvisioningTaskStarter {
  startTask(options: StartTaskOptions): Promise<{ taskId: string }>;
  getTaskStatus(taskId: string): Promise<ProvisioningTaskStatus>;
}

/** Enough of a task error for a notification; the full log stays in the scaffolder. */
const MAX_ERROR_LENGTH = 300;

function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_ERROR_LENGTH
    ? `${oneLine.slice(0, MAX_ERROR_LENGTH - 1)}…`
    : oneLine;
}

interface TaskEvent {
  type?: unknown;
  body?: {
    message?: unknown;
    status?: unknown;
    error?: { message?: unknown };
  };
}

/**
 * The error a task ended with: the failed completion's error, else the last
 * log line of a failed step.
 */
function lastError(events: TaskEvent[]): string | undefined {
  for (const event of [...events].reverse()) {
    const body = event.body ?? {};
    if (
      event.type === 'completion' &&
      typeof body.error?.message === 'string'
    ) {
      return shorten(body.error.message);
    }
    if (
      event.type === 'log' &&
      body.status === 'failed' &&
      typeof body.message === 'string'
    ) {
      return shorten(body.message);
    }
  }
  return undefined;
}

/** Starts tasks through the scaffolder's HTTP API (`POST /v2/tasks`). */
export class ScaffolderTaskStarter implements ProvisioningTaskStarter {
  constructor(
    private readonly auth: AuthService,
    private readonly discovery: DiscoveryService,
  ) {}

  async startTask({ templateRef, values, onBehalfOf }: StartTaskOptions) {
    const { token } = await this.auth.getPluginRequestToken({
      onBehalfOf,
      targetPluginId: 'scaffolder',
    });
    const baseUrl = await this.discovery.getBaseUrl('scaffolder');
    const response = await fetch(`${baseUrl}/v2/tasks`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
      },
      body: JSON.stringify({ templateRef, values }),
    });
    if (!response.ok) {
      const refused = await ResponseError.fromResponse(response);
      throw new Error(
        `the scaffolder refused to start ${templateRef}: HTTP ${refused.statusCode}: ${refused.cause.message}`,
      );
    }
    const body = (await response.json()) as { id?: unknown };
    if (typeof body.id !== 'string' || body.id === '') {
      throw new Error(
        `the scaffolder answered ${response.status} without a task id`,
      );
    }
    return { taskId: body.id };
  }

  /**
   * Reads a task with the plugin's own credentials: the check runs on a
   * schedule, long after the approver's request ended.
   */
  async getTaskStatus(taskId: string): Promise<ProvisioningTaskStatus> {
    const task = (await this.getJson(
      `/v2/tasks/${encodeURIComponent(taskId)}`,
      `reading task ${taskId}`,
    )) as { status?: unknown };
    if (typeof task.status !== 'string' || task.status === '') {
      throw new Error(
        `the scaffolder answered task ${taskId} without a status`,
      );
    }
    if (task.status !== 'failed' && task.status !== 'cancelled') {
      return { status: task.status };
    }
    const events = await this.getJson(
      `/v2/tasks/${encodeURIComponent(taskId)}/events`,
      `reading the events of task ${taskId}`,
    );
    const error = Array.isArray(events) ? lastError(events) : undefined;
    return error ? { status: task.status, error } : { status: task.status };
  }

  private async getJson(path: string, what: string): Promise<unknown> {
    const { token } = await this.auth.getPluginRequestToken({
      onBehalfOf: await this.auth.getOwnServiceCredentials(),
      targetPluginId: 'scaffolder',
    });
    const baseUrl = await this.discovery.getBaseUrl('scaffolder');
    const response = await fetch(`${baseUrl}${path}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (!response.ok) {
      const refused = await ResponseError.fromResponse(response);
      throw new Error(
        `the scaffolder refused ${what}: HTTP ${refused.statusCode}: ${refused.cause.message}`,
      );
    }
    return response.json();
  }
}

export const provisioningTaskStarterServiceRef =
  createServiceRef<ProvisioningTaskStarter>({
    id: 'dataplatform-provisioning.task-starter',
    defaultFactory: async service =>
      createServiceFactory({
        service,
        deps: { auth: coreServices.auth, discovery: coreServices.discovery },
        factory: ({ auth, discovery }) =>
          new ScaffolderTaskStarter(auth, discovery),
      }),
  });
