import { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import {
  TestDatabases,
  mockCredentials,
  mockServices,
} from '@backstage/backend-test-utils';
import {
  LocalAzureEndpoint,
  startLocalAzureEndpoint,
} from '@dataplatform/azure-local-endpoint';
import request from 'supertest';
import {
  BASE,
  TestBackend,
  USERS,
  startProvisioningBackend,
} from '../__testUtils__/testBackend';

/**
 * The scheduled check that closes domain requests whose provisioning task
 * died, run by hand against the plugin with a stand-in scaffolder.
 */

const as = (user: string) => mockCredentials.user.header(user);
const asService = () => mockCredentials.service.header();

const input = (name: string) => ({
  name,
  description: `Data about ${name}.`,
  ownerGroup: 'finance-domain-owners',
  costCenter: 'CC-1060',
  dataClassification: 'internal',
  dataResidency: 'eu',
  primaryRegion: 'westeurope',
  monthlyBudget: 5000,
  recoveryTier: 'standard',
});

describe('the provisioning task check', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let endpoint: LocalAzureEndpoint;
  let backend: TestBackend;
  let check: () => Promise<void>;

  beforeAll(async () => {
    endpoint = await startLocalAzureEndpoint({ aliasProvisioningMs: 0 });
  });
  afterAll(() => endpoint.close());
  beforeEach(async () => {
    endpoint.tenant.reset();
    const scheduler = mockServices.scheduler.mock();
    backend = await startProvisioningBackend({
      endpoint,
      databases,
      services: [scheduler.factory],
    });
    const task = scheduler.scheduleTask.mock.calls
      .map(
        ([definition]) =>
          definition as SchedulerServiceTaskScheduleDefinition & {
            id: string;
            fn: () => Promise<void>;
          },
      )
      .find(t => t.id === 'dataplatform-provisioning-domain-requests');
    if (!task) throw new Error('the domain request task was not scheduled');
    check = task.fn;
  });

  /** Submitted by Fatima and approved by Priya: its task is started. */
  async function approved(name: string) {
    const submitted = await request(backend.server)
      .post(`${BASE}/domain-requests`)
      .set('authorization', as(USERS.fatima))
      .send({ input: input(name) })
      .expect(201);
    const decided = await request(backend.server)
      .post(`${BASE}/domain-requests/${submitted.body.id}/decision`)
      .set('authorization', as(USERS.priya))
      .send({ decision: 'approve' })
      .expect(200);
    return decided.body as { id: string; provisioningTaskId: string };
  }

  /** The template passing the gate with its task id. */
  const gate = (id: string, taskId: string) =>
    request(backend.server)
      .post(`${BASE}/domain-requests/${id}/provisioning`)
      .set('authorization', asService())
      .send({ taskId })
      .expect(200);

  async function stored(id: string) {
    const res = await request(backend.server)
      .get(`${BASE}/domain-requests/${id}`)
      .set('authorization', asService())
      .expect(200);
    return res.body;
  }

  it('records a request whose task failed as failed, tells the requester, and a retry runs again', async () => {
    const { id, provisioningTaskId } = await approved('logistics');
    expect(provisioningTaskId).toBe('task-1');
    await gate(id, 'task-1');
    backend.tasks.statuses.set('task-1', {
      status: 'failed',
      error:
        'creating budget-dp-domain-logistics failed: HTTP 403: AuthorizationFailed',
    });
    const sentBefore = backend.notifications.length;

    await check();

    const failure =
      'provisioning task task-1 failed: creating budget-dp-domain-logistics failed: HTTP 403: AuthorizationFailed.';
    expect(await stored(id)).toMatchObject({ status: 'failed', failure });
    expect(backend.notifications.slice(sentBefore)).toEqual([
      {
        recipients: { type: 'entity', entityRef: USERS.fatima },
        payload: expect.objectContaining({
          title: 'Provisioning domain logistics failed',
          description: `${failure} The platform team can start provisioning again.`,
          severity: 'high',
        }),
      },
    ]);

    // A second run finds nothing left to close and sends nothing more.
    await check();
    expect(backend.notifications).toHaveLength(sentBefore + 1);

    // The platform team's retry starts a new task, which the check leaves running.
    await request(backend.server)
      .post(`${BASE}/domain-requests/${id}/provision`)
      .set('authorization', as(USERS.sam))
      .expect(200);
    await gate(id, 'task-2');
    await check();
    expect(await stored(id)).toMatchObject({
      status: 'provisioning',
      provisioningTaskId: 'task-2',
    });
    expect((await stored(id)).failure).toBeUndefined();
  });

  it('closes a cancelled task that never reached the gate, and leaves running and completed tasks alone', async () => {
    const running = await approved('logistics');
    await gate(running.id, running.provisioningTaskId);
    const completed = await approved('procurement');
    await gate(completed.id, completed.provisioningTaskId);
    backend.tasks.statuses.set(completed.provisioningTaskId, {
      status: 'completed',
    });
    const cancelled = await approved('warehousing');
    backend.tasks.statuses.set(cancelled.provisioningTaskId, {
      status: 'cancelled',
    });

    await check();

    expect(await stored(running.id)).toMatchObject({ status: 'provisioning' });
    expect(await stored(completed.id)).toMatchObject({
      status: 'provisioning',
    });
    expect(await stored(cancelled.id)).toMatchObject({
      status: 'failed',
      failure: `provisioning task ${cancelled.provisioningTaskId} cancelled without an error message.`,
    });
  });

  it('leaves a request whose task cannot be read as it is and still checks the others', async () => {
    const unknown = await approved('logistics');
    await gate(unknown.id, 'task-from-elsewhere');
    const failed = await approved('procurement');
    await gate(failed.id, failed.provisioningTaskId);
    backend.tasks.statuses.set(failed.provisioningTaskId, { status: 'failed' });

    await check();

    expect(await stored(unknown.id)).toMatchObject({
      status: 'provisioning',
      provisioningTaskId: 'task-from-elsewhere',
    });
    expect(await stored(failed.id)).toMatchObject({ status: 'failed' });
  });
});
