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
    server = app.listen(0, '127.0.0.1');
    await new Promise(resolve => server.once('listening', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
  });
  afterAll(() => new Promise(resolve => server.close(resolve)));
  beforeEach(() => {
    received.length = 0;
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
});
