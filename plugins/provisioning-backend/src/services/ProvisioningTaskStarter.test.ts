import { AddressInfo } from 'node:net';
import { Server } from 'node:http';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import express from 'express';
import { ScaffolderTaskStarter } from './ProvisioningTaskStarter';

/** The default task starter against a stand-in for the scaffolder's HTTP API. */
describe('ScaffolderTaskStarter', () => {
  let server: Server;
  let baseUrl: string;
  const received: Array<{ authorization?: string; body: unknown }> = [];
  let answer: { status: number; body: unknown } = {
    status: 201,
    body: { id: 'task-42' },
  };
  const tasks = new Map<string, { status: string; events: unknown[] }>();
  const reads: Array<{ path: string; authorization?: string }> = [];

  beforeAll(async () => {
    const app = express();
    app.use(express.json());
    app.post('/api/scaffolder/v2/tasks', (req, res) => {
      received.push({
        authorization: req.headers.authorization,
        body: req.body,
      });
      res.status(answer.status).json(answer.body);
    });
    app.get('/api/scaffolder/v2/tasks/:id', (req, res) => {
      reads.push({ path: req.path, authorization: req.headers.authorization });
      const task = tasks.get(req.params.id);
      if (!task) {
        res.status(404).json({
          error: {
            name: 'NotFoundError',
            message: `Task with id ${req.params.id} does not exist`,
          },
          response: { statusCode: 404 },
        });
        return;
      }
      res.json({ id: req.params.id, spec: {}, status: task.status });
    });
    app.get('/api/scaffolder/v2/tasks/:id/events', (req, res) => {
      reads.push({ path: req.path, authorization: req.headers.authorization });
      res.json(tasks.get(req.params.id)?.events ?? []);
    });
    server = app.listen(0, '127.0.0.1');
    await new Promise(resolve => server.once('listening', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
  });
  afterAll(() => new Promise(resolve => server.close(resolve)));
  beforeEach(() => {
    received.length = 0;
    reads.length = 0;
    tasks.clear();
    answer = { status: 201, body: { id: 'task-42' } };
  });

  const starter = () =>
    new ScaffolderTaskStarter(
      mockServices.auth({ pluginId: 'dataplatform-provisioning' }),
      mockServices.discovery.mock({
        getBaseUrl: async pluginId => `${baseUrl}/${pluginId}`,
      }),
    );

  it('starts the template with the request id, with a token on behalf of the approver', async () => {
    const approver = mockCredentials.user('user:default/priya.patel');
    const { taskId } = await starter().startTask({
      templateRef: 'template:default/provision-data-domain',
      values: { requestId: 'r-1' },
      onBehalfOf: approver,
    });
    expect(taskId).toBe('task-42');
    expect(received).toEqual([
      {
        authorization: `Bearer ${mockCredentials.service.token({
          onBehalfOf: approver,
          targetPluginId: 'scaffolder',
        })}`,
        body: {
          templateRef: 'template:default/provision-data-domain',
          values: { requestId: 'r-1' },
        },
      },
    ]);
  });

  it("throws the scaffolder's own error when it refuses", async () => {
    answer = {
      status: 404,
      // What a Backstage backend answers for a thrown NotFoundError.
      body: {
        error: {
          name: 'NotFoundError',
          message: 'Template template:default/provision-data-domain not found',
        },
        request: { method: 'POST', url: '/v2/tasks' },
        response: { statusCode: 404 },
      },
    };
    await expect(
      starter().startTask({
        templateRef: 'template:default/provision-data-domain',
        values: { requestId: 'r-1' },
        onBehalfOf: mockCredentials.user('user:default/priya.patel'),
      }),
    ).rejects.toThrow(
      'the scaffolder refused to start template:default/provision-data-domain: HTTP 404: Template template:default/provision-data-domain not found',
    );
  });

  it('refuses an answer without a task id', async () => {
    answer = { status: 201, body: {} };
    await expect(
      starter().startTask({
        templateRef: 'template:default/provision-data-domain',
        values: { requestId: 'r-1' },
        onBehalfOf: mockCredentials.user('user:default/priya.patel'),
      }),
    ).rejects.toThrow('the scaffolder answered 201 without a task id');
  });

  describe('reading a task', () => {
    const ownToken = mockCredentials.service.token({
      onBehalfOf: mockCredentials.service('plugin:dataplatform-provisioning'),
      targetPluginId: 'scaffolder',
    });
    const event = (type: string, body: object) => ({
      id: 1,
      taskId: 't',
      type,
      body,
      createdAt: '2026-06-15T08:00:00Z',
    });

    it('reads a running task with its own service token, without its events', async () => {
      tasks.set('task-7', { status: 'processing', events: [] });
      await expect(starter().getTaskStatus('task-7')).resolves.toEqual({
        status: 'processing',
      });
      expect(reads).toEqual([
        {
          path: '/api/scaffolder/v2/tasks/task-7',
          authorization: `Bearer ${ownToken}`,
        },
      ]);
    });

    it("gives a failed task's error from its completion event", async () => {
      tasks.set('task-8', {
        status: 'failed',
        events: [
          event('log', {
            message: 'Beginning step Vend subscription',
            stepId: 'vend',
          }),
          event('log', {
            message: 'Error: alias dp-domain-logistics: HTTP 409 Conflict',
            stepId: 'vend',
            status: 'failed',
          }),
          event('completion', {
            message: 'Run completed with status: failed',
            error: {
              name: 'Error',
              message: 'alias dp-domain-logistics: HTTP 409\n  Conflict',
            },
          }),
        ],
      });
      await expect(starter().getTaskStatus('task-8')).resolves.toEqual({
        status: 'failed',
        error: 'alias dp-domain-logistics: HTTP 409 Conflict',
      });
      expect(reads.map(r => r.path)).toEqual([
        '/api/scaffolder/v2/tasks/task-8',
        '/api/scaffolder/v2/tasks/task-8/events',
      ]);
    });

    it("falls back to a failed step's log line, shortened", async () => {
      tasks.set('task-9', {
        status: 'cancelled',
        events: [
          event('log', {
            message: `Error: ${'x'.repeat(400)}`,
            stepId: 'vend',
            status: 'failed',
          }),
          event('cancelled', { message: 'Step vend has been cancelled.' }),
        ],
      });
      const { status, error } = await starter().getTaskStatus('task-9');
      expect(status).toBe('cancelled');
      expect(error).toHaveLength(300);
      expect(error).toMatch(/^Error: x+…$/);
    });

    it('gives no error when a dead task logged none', async () => {
      tasks.set('task-10', { status: 'cancelled', events: [] });
      await expect(starter().getTaskStatus('task-10')).resolves.toEqual({
        status: 'cancelled',
      });
    });

    it("throws the scaffolder's error for an unknown task", async () => {
      await expect(starter().getTaskStatus('task-404')).rejects.toThrow(
        'the scaffolder refused reading task task-404: HTTP 404: Task with id task-404 does not exist',
      );
    });
  });
});
