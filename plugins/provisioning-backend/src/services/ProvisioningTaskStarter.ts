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

/** Starts the scaffolder task that provisions an approved domain request. */
export interface ProvisioningTaskStarter {
  startTask(options: StartTaskOptions): Promise<{ taskId: string }>;
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
