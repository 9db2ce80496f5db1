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
import {
  leaseEnd,
  SandboxLease,
} from '@dataplatform/plugin-provisioning-common';
import provisioningPlugin from '../..';
import {
  ALLOW,
  BASE,
  errorResponse,
  leases,
} from '../../__testUtils__/fixtures';
import { formatDate } from '../../lib/format';
import { SandboxLeasesTab } from './SandboxLeasesTab';

const server = setupServer();
registerMswTestHooks(server);

function renderTab(items: SandboxLease[]) {
  server.use(
    http.get(`${BASE}/sandbox-leases`, () => HttpResponse.json({ items })),
  );
  return renderInTestApp(<SandboxLeasesTab />, {
    features: [provisioningPlugin],
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    // usePermission caches answers for the whole test file, so every test
    // here is allowed; denials live in ../permissions.test.tsx.
    apis: [catalogApiMock(), mockApis.permission({ authorize: ALLOW })],
  });
}

function rowOf(name: string): HTMLElement {
  return screen
    .getByRole('rowheader', { name: new RegExp(`^${name}`) })
    .closest('tr') as HTMLElement;
}

describe('SandboxLeasesTab', () => {
  it('shows each lease with its state, time left, spend and extensions', async () => {
    const { active, expiring, frozen, provisioning } = leases();
    renderTab([active, expiring, frozen, provisioning]);

    await screen.findByRole('table', { name: 'Sandbox leases' });

    const churn = rowOf('churn');
    expect(within(churn).getByText('Expiring')).toBeInTheDocument();
    expect(
      within(churn).getByText('Expiring').parentElement?.className,
    ).toMatch(/MuiChip-colorWarning/);
    expect(churn).toHaveTextContent(formatDate(expiring.expiresAt));
    expect(churn).toHaveTextContent('5 days left');
    expect(churn).toHaveTextContent('850 of 1,000 (85%)');
    expect(
      within(churn).getByRole('progressbar', {
        name: 'Spend 850 of 1,000 (85%) of the budget cap',
      }),
    ).toHaveAttribute('aria-valuenow', '85');
    expect(churn).toHaveTextContent('1/1');
    expect(within(churn).getByRole('link', { name: /churn/ })).toHaveAttribute(
      'href',
      '/catalog/default/resource/sandbox-churn',
    );
    expect(
      within(churn).getByRole('link', { name: /finance-domain-owners/ }),
    ).toHaveAttribute('href', '/catalog/default/group/finance-domain-owners');

    const forecast = rowOf('forecast');
    expect(within(forecast).getByText('Active')).toBeInTheDocument();
    expect(forecast).toHaveTextContent('20 days left');
    expect(forecast).toHaveTextContent('0/1');

    const genai = rowOf('genai');
    const frozenChip = within(genai).getByText('Frozen').parentElement!;
    expect(frozenChip.className).toMatch(/MuiChip-colorInfo/);
    expect(frozenChip.querySelector('svg')).not.toBeNull();
    expect(frozenChip).toHaveAttribute(
      'title',
      'The budget cap was reached: write roles were removed until the lease ends',
    );
    expect(genai).toHaveTextContent('212.4 of 200 (106%)');

    // No subscription yet, so no catalog entity to link to.
    const newbie = rowOf('newbie');
    expect(within(newbie).getByText('Provisioning')).toBeInTheDocument();
    expect(within(newbie).queryByRole('link', { name: /newbie/ })).toBeNull();
    expect(newbie).toHaveTextContent('No spend reading yet');
  });

  it('does not offer a second extension, and says why', async () => {
    const { expiring, frozen } = leases();
    renderTab([expiring, frozen]);

    await screen.findByRole('table', { name: 'Sandbox leases' });
    const extend = within(rowOf('churn')).getByRole('button', {
      name: 'Extend',
    });
    expect(extend).toBeDisabled();
    expect(
      within(rowOf('churn')).getByLabelText(
        'This lease was already extended; the policy allows 1 extension',
      ),
    ).toContainElement(extend);
    expect(
      within(rowOf('genai')).getByRole('button', { name: 'Extend' }),
    ).toBeDisabled();
    expect(
      within(rowOf('genai')).getByLabelText(
        'A frozen lease cannot be extended; only active or expiring leases can',
      ),
    ).toBeInTheDocument();
  });

  it('extends a lease by the chosen number of days', async () => {
    const { active } = leases();
    const bodies: unknown[] = [];
    const newExpiry = leaseEnd(new Date(active.expiresAt), 14).toISOString();
    server.use(
      http.post(
        `${BASE}/sandbox-leases/lease-forecast/extension`,
        async ({ request }) => {
          bodies.push(await request.json());
          return HttpResponse.json({
            ...active,
            expiresAt: newExpiry,
            extensionsUsed: 1,
          });
        },
      ),
    );
    renderTab([active]);

    await screen.findByRole('table', { name: 'Sandbox leases' });
    fireEvent.click(
      await within(rowOf('forecast')).findByRole('button', { name: 'Extend' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Extend forecast',
    });
    const days = within(dialog).getByRole('spinbutton', { name: 'Days' });
    expect(days).toHaveValue(30);

    fireEvent.change(days, { target: { value: '31' } });
    expect(
      within(dialog).getByText('Days must be a whole number from 1 to 30'),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByRole('button', { name: 'Extend lease' }),
    ).toBeDisabled();

    fireEvent.change(days, { target: { value: '14' } });
    expect(
      within(dialog).getByText(
        `The lease will end on ${formatDate(newExpiry)}`,
      ),
    ).toBeInTheDocument();
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Extend lease' }),
    );

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(bodies).toEqual([{ days: 14 }]);
    expect(
      screen.getByText(`forecast now ends on ${formatDate(newExpiry)}.`),
    ).toBeInTheDocument();
    const row = rowOf('forecast');
    expect(row).toHaveTextContent('1/1');
    expect(row).toHaveTextContent(formatDate(newExpiry));
    expect(within(row).getByRole('button', { name: 'Extend' })).toBeDisabled();
  });

  it('keeps the dialog open with the reason when Azure refuses the extension', async () => {
    const { active } = leases();
    server.use(
      http.post(`${BASE}/sandbox-leases/lease-forecast/extension`, () =>
        errorResponse(
          503,
          'ServiceUnavailableError',
          'could not update the expiresOn tag: AuthorizationFailed',
        ),
      ),
    );
    renderTab([active]);

    fireEvent.click(await screen.findByRole('button', { name: 'Extend' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Extend lease' }),
    );

    expect(
      await within(dialog).findByText(
        'Could not extend the lease: could not update the expiresOn tag: AuthorizationFailed',
      ),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByRole('spinbutton', { name: 'Days' }),
    ).toHaveValue(30);
  });

  it('invites a first lease when there is none', async () => {
    renderTab([]);

    expect(
      await screen.findByText('No sandbox leases yet'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Lease an innovation sandbox' }),
    ).toHaveAttribute(
      'href',
      '/create/templates/default/lease-innovation-sandbox',
    );
  });
});
