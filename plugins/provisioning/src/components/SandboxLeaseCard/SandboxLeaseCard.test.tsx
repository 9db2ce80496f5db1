import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import {
  mockApis,
  registerMswTestHooks,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  catalogApiMock,
  createTestEntityPage,
} from '@backstage/plugin-catalog-react/testUtils';
import { Entity } from '@backstage/catalog-model';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  PROVISIONING_ANNOTATIONS,
  SandboxLease,
} from '@dataplatform/plugin-provisioning-common';
import { provisioningApi, sandboxLeaseEntityCard } from '../../plugin';
import {
  ALLOW,
  BASE,
  errorResponse,
  leases,
} from '../../__testUtils__/fixtures';

const server = setupServer();
registerMswTestHooks(server);

function sandbox(
  annotations: Record<string, string>,
  type = 'azure-sandbox',
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name: 'sandbox-churn', namespace: 'default', annotations },
    spec: { type, owner: 'group:default/finance-domain-owners' },
  };
}

const churnEntity = sandbox({
  [PROVISIONING_ANNOTATIONS.sandboxLeaseId]: 'lease-churn',
});

function renderCard(entity: Entity) {
  return renderTestApp({
    extensions: [
      createTestEntityPage({ entity }),
      sandboxLeaseEntityCard,
      provisioningApi,
    ],
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    // usePermission caches answers for the whole test file, so every test
    // here is allowed; denials live in ../permissions.test.tsx.
    apis: [
      catalogApiMock({ entities: [entity] }),
      mockApis.permission({ authorize: ALLOW }),
    ],
  });
}

const DAY_MS = 86_400_000;

/** The lease's own history (created) plus activation and the expiry warning, oldest first. */
function withHistory(lease: SandboxLease): SandboxLease {
  const created = Date.parse(lease.createdAt);
  const after = (days: number) =>
    new Date(created + days * DAY_MS).toISOString();
  return {
    ...lease,
    history: [
      ...lease.history,
      {
        at: after(1),
        state: 'active',
        note: 'subscription cccccccc-0000-0000-0000-000000000002 is ready',
        by: 'user:default/dora',
      },
      {
        at: after(18),
        state: 'expiring',
        note: 'ends within 7 days; owner group warned',
        by: 'scheduler',
      },
    ],
  };
}

describe('SandboxLeaseCard', () => {
  it('shows progress while the lease loads, then the lease', async () => {
    const { expiring } = leases();
    let release: () => void = () => {};
    const answered = new Promise<void>(resolve => {
      release = resolve;
    });
    server.use(
      http.get(`${BASE}/sandbox-leases/lease-churn`, async () => {
        await answered;
        return HttpResponse.json(withHistory(expiring));
      }),
    );
    renderCard(churnEntity);

    expect(await screen.findByTestId('progress')).toBeInTheDocument();
    release();

    const facts = await screen.findByLabelText('Sandbox lease');
    expect(screen.queryByTestId('progress')).toBeNull();
    expect(within(facts).getByText('Expiring')).toBeInTheDocument();
    expect(facts).toHaveTextContent('5 days left');
    expect(facts).toHaveTextContent('850 of 1,000 (85%)');
    expect(within(facts).getByRole('progressbar')).toHaveAttribute(
      'aria-valuenow',
      '85',
    );
    expect(facts).toHaveTextContent('1/1');
    expect(screen.getByRole('button', { name: 'Extend' })).toBeDisabled();
  });

  it('lists the history newest first', async () => {
    const { expiring } = leases();
    server.use(
      http.get(`${BASE}/sandbox-leases/lease-churn`, () =>
        HttpResponse.json(withHistory(expiring)),
      ),
    );
    renderCard(churnEntity);

    const history = await screen.findByRole('list', { name: 'Lease history' });
    const items = within(history).getAllByRole('listitem');
    expect(items.map(item => item.textContent)).toEqual([
      expect.stringMatching(
        /^Expiringends within 7 days; owner group warned.* by the lease task$/,
      ),
      expect.stringMatching(/^Activesubscription .* is ready.* by dora$/),
      expect.stringMatching(
        /^Provisioningapproved automatically within policy/,
      ),
    ]);
  });

  it('explains why the lease could not be loaded', async () => {
    server.use(
      http.get(`${BASE}/sandbox-leases/lease-churn`, () =>
        errorResponse(404, 'NotFoundError', 'no sandbox lease lease-churn'),
      ),
    );
    renderCard(churnEntity);

    expect(
      await screen.findByText(/Could not load sandbox lease lease-churn/),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText(/no sandbox lease lease-churn/).length,
    ).toBeGreaterThan(0);
  });

  it('extends the lease from the card', async () => {
    const { active } = leases();
    const bodies: unknown[] = [];
    server.use(
      http.get(`${BASE}/sandbox-leases/lease-churn`, () =>
        HttpResponse.json(active),
      ),
      http.post(
        `${BASE}/sandbox-leases/lease-forecast/extension`,
        async ({ request }) => {
          bodies.push(await request.json());
          return HttpResponse.json({ ...active, extensionsUsed: 1 });
        },
      ),
    );
    renderCard(churnEntity);

    fireEvent.click(await screen.findByRole('button', { name: 'Extend' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByRole('spinbutton', { name: 'Days' }), {
      target: { value: '7' },
    });
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Extend lease' }),
    );

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(bodies).toEqual([{ days: 7 }]);
    expect(screen.getByLabelText('Sandbox lease')).toHaveTextContent('1/1');
    expect(screen.getByRole('button', { name: 'Extend' })).toBeDisabled();
  });

  it('names the annotation when the sandbox has no lease id', async () => {
    renderCard(sandbox({}));

    const mentions = await screen.findAllByText(
      PROVISIONING_ANNOTATIONS.sandboxLeaseId,
      { exact: false },
    );
    expect(mentions.length).toBeGreaterThan(0);
    expect(screen.queryByRole('button', { name: 'Extend' })).toBeNull();
  });

  it('does not show on other resources', async () => {
    renderCard(sandbox({}, 'database'));
    expect(await screen.findByTestId('empty-entity-page')).toBeInTheDocument();
  });
});
