import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import {
  mockApis,
  registerMswTestHooks,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { DomainRequest } from '@dataplatform/plugin-provisioning-common';
import provisioningPlugin from '../..';
import {
  ALLOW,
  AZURE_BASE,
  BASE,
  brazilRequest,
  errorResponse,
  financeRequest,
  salesRequest,
  TENANT_ID,
} from '../../__testUtils__/fixtures';
import { domainRequestsRouteRef } from '../../routes';
import { DomainRequestPage } from './DomainRequestPage';

const server = setupServer();
registerMswTestHooks(server);

function renderPage(id: string, options: { pollIntervalMs?: number } = {}) {
  return renderInTestApp(
    <DomainRequestPage pollIntervalMs={options.pollIntervalMs} />,
    {
      features: [provisioningPlugin],
      mountPath: '/provisioning/domain-requests/:id',
      initialRouteEntries: [`/provisioning/domain-requests/${id}`],
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        '/provisioning/domain-requests': domainRequestsRouteRef,
      },
      apis: [
        catalogApiMock(),
        // usePermission caches answers for the whole test file, so every test
        // here is allowed; denials live in ../permissions.test.tsx.
        mockApis.permission({ authorize: ALLOW }),
      ],
    },
  );
}

/** Serves one request; `decisions` records every decision body posted. */
function serveRequest(request: DomainRequest) {
  const decisions: unknown[] = [];
  server.use(
    http.get(`${BASE}/domain-requests/${request.id}`, () =>
      HttpResponse.json(request),
    ),
    http.post(
      `${BASE}/domain-requests/${request.id}/decision`,
      async ({ request: httpRequest }) => {
        decisions.push(await httpRequest.json());
        return errorResponse(500, 'Error', 'no decision handler in this test');
      },
    ),
  );
  return decisions;
}

function section(name: string): HTMLElement {
  return screen.getByRole('region', { name });
}

function fact(list: HTMLElement, label: string): HTMLElement {
  return within(list).getByText(label, { selector: 'dt' })
    .nextElementSibling as HTMLElement;
}

describe('DomainRequestPage', () => {
  it('shows what approving the request creates in Azure', async () => {
    serveRequest(financeRequest);
    renderPage('req-finance');

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Finance' }),
    ).toBeInTheDocument();
    expect(screen.getAllByText('Pending approval').length).toBeGreaterThan(0);

    const subscription = section('Subscription');
    expect(fact(subscription, 'Alias')).toHaveTextContent('dp-domain-finance');
    expect(fact(subscription, 'Management group')).toHaveTextContent(
      'mg-domains',
    );
    const tags = within(subscription).getByRole('list', { name: 'Tags' });
    expect(within(tags).getByText('costCenter: CC-1010')).toBeInTheDocument();
    expect(
      within(tags).getByText('dataClassification: confidential'),
    ).toBeInTheDocument();
    expect(
      within(tags).getByText('requestId: req-finance'),
    ).toBeInTheDocument();

    const budget = section('Budget');
    expect(fact(budget, 'Amount')).toHaveTextContent('5,000 per month');
    expect(
      within(within(budget).getByRole('list', { name: 'Budget notifications' }))
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual(['50% actual', '80% actual', '100% actual', '100% forecast']);
    expect(fact(budget, 'Contacts')).toHaveTextContent(
      'finance-owners@contoso.com',
    );

    const roles = within(section('Role assignments')).getAllByRole('listitem');
    expect(roles.map(role => role.textContent)).toEqual([
      'Contributor → finance-domain-owners',
      'Monitoring Contributor → finance-domain-owners',
      'Cost Management Reader → finance-domain-owners',
    ]);

    const workspace = section('Log Analytics workspace');
    expect(fact(workspace, 'Name')).toHaveTextContent('log-dp-finance');
    expect(fact(workspace, 'Region')).toHaveTextContent(
      'West Europe (Netherlands) (westeurope)',
    );
    expect(fact(workspace, 'Interactive retention')).toHaveTextContent(
      '90 days',
    );
    expect(fact(workspace, 'Audit tables')).toHaveTextContent(
      'AzureActivity, AuditLogs, LAQueryLogs, StorageBlobLogs',
    );
    expect(fact(workspace, 'Audit retention in total')).toHaveTextContent(
      '10 years',
    );

    const recovery = section('Regions and recovery');
    expect(fact(recovery, 'Primary → paired region')).toHaveTextContent(
      'West Europe (Netherlands) (westeurope) → North Europe (Ireland) (northeurope)',
    );
    expect(fact(recovery, 'Recovery tier')).toHaveTextContent('Standard');
    expect(fact(recovery, 'Recovery point (RPO)')).toHaveTextContent(
      '36 hours',
    );
    expect(fact(recovery, 'Recovery time (RTO)')).toHaveTextContent('24 hours');
    expect(within(recovery).queryByRole('alert')).toBeNull();

    const requested = screen.getByLabelText('Requested');
    expect(fact(requested, 'Owner group')).toHaveTextContent(
      'finance-domain-owners',
    );
    expect(fact(requested, 'Cost center')).toHaveTextContent('CC-1010');
    expect(fact(requested, 'Data residency')).toHaveTextContent('EU');
    expect(fact(requested, 'Requested by')).toHaveTextContent('dora');

    const decision = screen.getByRole('list', { name: 'Decision' });
    expect(decision).toHaveTextContent('Requested by dora');
    expect(decision).toHaveTextContent(
      'Waiting for a platform engineer to approve or reject it',
    );
  });

  it('warns when the paired region lies outside the residency', async () => {
    serveRequest(brazilRequest);
    renderPage('req-latam');

    await screen.findByRole('heading', { level: 1, name: 'Latin America' });
    const recovery = section('Regions and recovery');
    expect(within(recovery).getByRole('alert')).toHaveTextContent(
      'The paired region South Central US (Texas) (southcentralus) lies outside the South America residency',
    );
    expect(fact(recovery, 'Recovery point (RPO)')).toHaveTextContent('4 hours');
  });

  it('approves, posting the decision, and then links to the provisioning task', async () => {
    const bodies: unknown[] = [];
    serveRequest(financeRequest);
    server.use(
      http.post(
        `${BASE}/domain-requests/req-finance/decision`,
        async ({ request }) => {
          bodies.push(await request.json());
          return HttpResponse.json({
            ...financeRequest,
            status: 'approved',
            decidedBy: 'user:default/pat',
            decidedAt: new Date().toISOString(),
            provisioningTaskId: 'task-42',
          });
        },
      ),
    );
    renderPage('req-finance', { pollIntervalMs: 60_000 });

    fireEvent.click(await screen.findByRole('button', { name: 'Approve' }));

    const started = await screen.findByText(/Provisioning started/);
    expect(bodies).toEqual([{ decision: 'approve' }]);
    expect(
      within(started.closest('[role="alert"]') as HTMLElement).getByRole(
        'link',
        { name: 'Follow the provisioning task' },
      ),
    ).toHaveAttribute('href', '/create/tasks/task-42');
    const decision = screen.getByRole('list', { name: 'Decision' });
    expect(decision).toHaveTextContent('Approved by pat');
    expect(
      within(decision).getByRole('link', { name: 'task-42' }),
    ).toHaveAttribute('href', '/create/tasks/task-42');
    expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Reject' })).toBeNull();
  });

  it('says so when the approval could not start provisioning', async () => {
    serveRequest(financeRequest);
    server.use(
      http.post(`${BASE}/domain-requests/req-finance/decision`, () =>
        HttpResponse.json({
          ...financeRequest,
          status: 'approved',
          decidedBy: 'user:default/pat',
          decidedAt: new Date().toISOString(),
          failure:
            'starting the scaffolder task failed: 404 template not found',
        }),
      ),
    );
    renderPage('req-finance', { pollIntervalMs: 60_000 });

    fireEvent.click(await screen.findByRole('button', { name: 'Approve' }));

    expect(
      await screen.findByText(
        'Provisioning did not start: starting the scaffolder task failed: 404 template not found',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Provisioning started/)).toBeNull();
    expect(
      await screen.findByRole('button', { name: 'Retry provisioning' }),
    ).toBeInTheDocument();
  });

  it('shows why the backend refused a decision, keeping the page as it was', async () => {
    serveRequest(financeRequest);
    server.use(
      http.post(`${BASE}/domain-requests/req-finance/decision`, () =>
        errorResponse(
          409,
          'ConflictError',
          'you requested domain request req-finance yourself; another platform engineer must approve it',
        ),
      ),
    );
    renderPage('req-finance');

    fireEvent.click(await screen.findByRole('button', { name: 'Approve' }));

    expect(
      await screen.findByText(
        'Could not approve the request: you requested domain request req-finance yourself; another platform engineer must approve it',
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Approve' })).toBeEnabled();
    expect(screen.getAllByText('Pending approval').length).toBeGreaterThan(0);
  });

  it('needs a comment to reject and does not call the backend without one', async () => {
    const decisions = serveRequest(financeRequest);
    renderPage('req-finance');

    fireEvent.click(await screen.findByRole('button', { name: 'Reject' }));
    const dialog = await screen.findByRole('dialog', {
      name: /Reject Finance/,
    });
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Reject request' }),
    );

    expect(
      within(dialog).getByText(
        'Comment is required: tell the requester why, in 3-500 characters',
      ),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByRole('textbox', { name: /Comment/ }),
    ).toHaveAttribute('aria-invalid', 'true');

    fireEvent.change(within(dialog).getByRole('textbox', { name: /Comment/ }), {
      target: { value: 'no' },
    });
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Reject request' }),
    );
    expect(
      within(dialog).getByText('Comment must be 3-500 characters, got 2'),
    ).toBeInTheDocument();
    expect(decisions).toEqual([]);
  });

  it('rejects with the comment and shows who rejected it', async () => {
    const bodies: unknown[] = [];
    serveRequest(financeRequest);
    server.use(
      http.post(
        `${BASE}/domain-requests/req-finance/decision`,
        async ({ request }) => {
          const body = (await request.json()) as { comment: string };
          bodies.push(body);
          return HttpResponse.json({
            ...financeRequest,
            status: 'rejected',
            decidedBy: 'user:default/pat',
            decidedAt: new Date().toISOString(),
            decisionComment: body.comment,
          });
        },
      ),
    );
    renderPage('req-finance');

    fireEvent.click(await screen.findByRole('button', { name: 'Reject' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByRole('textbox', { name: /Comment/ }), {
      target: { value: '  Finance already has a domain  ' },
    });
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Reject request' }),
    );

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(bodies).toEqual([
      { decision: 'reject', comment: 'Finance already has a domain' },
    ]);
    const decision = screen.getByRole('list', { name: 'Decision' });
    expect(decision).toHaveTextContent('Rejected by pat');
    expect(decision).toHaveTextContent('Finance already has a domain');
    expect(screen.queryByText(/Provisioning started/)).toBeNull();
  });

  it('keeps the dialog and the comment when the rejection fails', async () => {
    serveRequest(financeRequest);
    server.use(
      http.post(`${BASE}/domain-requests/req-finance/decision`, () =>
        errorResponse(
          409,
          'ConflictError',
          'domain request req-finance was already approved by user:default/sam',
        ),
      ),
    );
    renderPage('req-finance');

    fireEvent.click(await screen.findByRole('button', { name: 'Reject' }));
    const dialog = await screen.findByRole('dialog');
    const comment = within(dialog).getByRole('textbox', { name: /Comment/ });
    fireEvent.change(comment, { target: { value: 'Too expensive' } });
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Reject request' }),
    );

    expect(
      await within(dialog).findByText(
        'Could not reject the request: domain request req-finance was already approved by user:default/sam',
      ),
    ).toBeInTheDocument();
    expect(comment).toHaveValue('Too expensive');
  });

  it('follows provisioning until the domain exists, then links to Azure and the catalog', async () => {
    const approved: DomainRequest = {
      ...financeRequest,
      status: 'approved',
      decidedBy: 'user:default/pat',
      decidedAt: '2026-03-10T10:00:00.000Z',
      provisioningTaskId: 'task-42',
    };
    const answers: DomainRequest[] = [
      approved,
      { ...approved, status: 'provisioning' },
      {
        ...approved,
        status: 'provisioned',
        subscriptionId: 'dddddddd-0000-0000-0000-000000000001',
        domainEntityRef: 'domain:default/finance',
      },
    ];
    let reads = 0;
    server.use(
      http.get(`${BASE}/domain-requests/req-finance`, () =>
        HttpResponse.json(answers[Math.min(reads++, answers.length - 1)]),
      ),
      http.get(`${AZURE_BASE}/connection`, () =>
        HttpResponse.json({ tenantId: TENANT_ID }),
      ),
    );
    renderPage('req-finance', { pollIntervalMs: 100 });

    // Text queries are cheap while the page keeps re-rendering with each
    // read; role queries are scoped to the timeline for the same reason.
    await screen.findByText('dddddddd-0000-0000-0000-000000000001', undefined, {
      timeout: 5000,
    });
    const decision = screen.getByLabelText('Decision');
    expect(
      within(decision).getByRole('link', { name: /^Open in Azure portal/ }),
    ).toHaveAttribute(
      'href',
      `https://portal.azure.com/#@${TENANT_ID}/resource/subscriptions/dddddddd-0000-0000-0000-000000000001/overview`,
    );
    expect(
      within(decision).getByRole('link', { name: /finance/ }),
    ).toHaveAttribute('href', '/catalog/default/domain/finance');
    expect(screen.getAllByText('Provisioned').length).toBeGreaterThan(0);
    expect(reads).toBeGreaterThanOrEqual(3);
  });

  it('lets the platform team retry a failed provisioning', async () => {
    let retried = 0;
    serveRequest(brazilRequest);
    server.use(
      http.post(`${BASE}/domain-requests/req-latam/provision`, () => {
        retried++;
        return HttpResponse.json({
          ...brazilRequest,
          status: 'approved',
          failure: undefined,
          provisioningTaskId: 'task-latam-2',
        });
      }),
    );
    renderPage('req-latam', { pollIntervalMs: 60_000 });

    const decision = await screen.findByRole('list', { name: 'Decision' });
    expect(decision).toHaveTextContent('Provisioning failed');
    expect(decision).toHaveTextContent(
      'subscription alias dp-domain-latam: BillingAccountNotFound',
    );
    fireEvent.click(
      await screen.findByRole('button', { name: 'Retry provisioning' }),
    );

    const started = await screen.findByText(/Provisioning started/);
    expect(retried).toBe(1);
    expect(
      within(started.closest('[role="alert"]') as HTMLElement).getByRole(
        'link',
      ),
    ).toHaveAttribute('href', '/create/tasks/task-latam-2');
    expect(
      screen.queryByRole('button', { name: 'Retry provisioning' }),
    ).toBeNull();
  });

  it('says so when there is no such request', async () => {
    server.use(
      http.get(`${BASE}/domain-requests/req-nope`, () =>
        errorResponse(404, 'NotFoundError', 'no domain request req-nope'),
      ),
    );
    renderPage('req-nope');

    expect(
      await screen.findByText('There is no domain request req-nope'),
    ).toBeInTheDocument();
  });

  it('keeps what it showed when a later read fails', async () => {
    let reads = 0;
    const approved: DomainRequest = {
      ...salesRequest,
      status: 'provisioning',
      subscriptionId: undefined,
    };
    server.use(
      http.get(`${BASE}/domain-requests/req-sales`, () =>
        reads++ === 0
          ? HttpResponse.json(approved)
          : errorResponse(
              503,
              'ServiceUnavailableError',
              'database restarting',
            ),
      ),
    );
    renderPage('req-sales', { pollIntervalMs: 100 });

    expect(
      await screen.findByText(
        /Could not read the request again: database restarting/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { level: 1, name: 'Sales' }),
    ).toBeInTheDocument();
  });
});
