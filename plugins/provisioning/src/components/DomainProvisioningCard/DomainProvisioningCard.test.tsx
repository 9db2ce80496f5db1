import { screen, within } from '@testing-library/react';
import { renderTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  catalogApiMock,
  createTestEntityPage,
} from '@backstage/plugin-catalog-react/testUtils';
import { Entity } from '@backstage/catalog-model';
import { PROVISIONING_ANNOTATIONS } from '@dataplatform/plugin-provisioning-common';
import {
  domainProvisioningEntityCard,
  domainRequestsSubPage,
  provisioningPage,
} from '../../plugin';

const WORKSPACE_ID =
  '/subscriptions/bbbbbbbb-0000-0000-0000-000000000001/resourceGroups/rg-dp-finance-monitoring/providers/Microsoft.OperationalInsights/workspaces/log-dp-finance';

function domain(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Domain',
    metadata: { name: 'finance', namespace: 'default', annotations },
    spec: { owner: 'group:default/finance-domain-owners' },
  };
}

const provisioned = domain({
  'dataplatform.contoso.com/azure-subscription-id':
    'bbbbbbbb-0000-0000-0000-000000000001',
  [PROVISIONING_ANNOTATIONS.domainRequestId]: 'req-finance',
  [PROVISIONING_ANNOTATIONS.requestedBy]: 'user:default/dora',
  [PROVISIONING_ANNOTATIONS.approvedBy]: 'user:default/pat',
  [PROVISIONING_ANNOTATIONS.approvedAt]: '2026-03-10T10:31:00.000Z',
  [PROVISIONING_ANNOTATIONS.primaryRegion]: 'westeurope',
  [PROVISIONING_ANNOTATIONS.recoveryTier]: 'critical',
  [PROVISIONING_ANNOTATIONS.monthlyBudget]: '5000',
  [PROVISIONING_ANNOTATIONS.workspaceResourceId]: WORKSPACE_ID,
});

function renderCard(entity: Entity) {
  return renderTestApp({
    extensions: [
      createTestEntityPage({ entity }),
      domainProvisioningEntityCard,
      // The request link resolves through the plugin's page.
      provisioningPage,
      domainRequestsSubPage,
    ],
    apis: [catalogApiMock({ entities: [entity] })],
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
  });
}

function fact(list: HTMLElement, label: string): HTMLElement {
  return within(list).getByText(label, { selector: 'dt' })
    .nextElementSibling as HTMLElement;
}

describe('DomainProvisioningCard', () => {
  it('tells who approved the domain, when, and what was set up, from its annotations alone', async () => {
    renderCard(provisioned);

    const list = await screen.findByLabelText(
      'How this domain was provisioned',
    );
    expect(within(fact(list, 'Approved by')).getByRole('link')).toHaveAttribute(
      'href',
      '/catalog/default/user/pat',
    );
    expect(fact(list, 'Approved by')).toHaveTextContent('pat');
    expect(fact(list, 'Subscription')).toHaveTextContent(
      'bbbbbbbb-0000-0000-0000-000000000001',
    );
    expect(
      within(fact(list, 'Subscription')).getByRole('link'),
    ).toHaveAttribute(
      'href',
      'https://portal.azure.com/#resource/subscriptions/bbbbbbbb-0000-0000-0000-000000000001/overview',
    );
    expect(fact(list, 'Approved')).toHaveTextContent(/ago \(/);
    expect(fact(list, 'Approved')).toHaveTextContent('10 Mar 2026, 10:31 UTC');
    expect(fact(list, 'Requested by')).toHaveTextContent('dora');
    expect(within(fact(list, 'Request')).getByRole('link')).toHaveAttribute(
      'href',
      '/provisioning/domain-requests/req-finance',
    );
    expect(fact(list, 'Primary region')).toHaveTextContent(
      'West Europe (Netherlands) (westeurope)',
    );
    expect(fact(list, 'Recovery tier')).toHaveTextContent(
      'CriticalRPO 4 hours, RTO 8 hours',
    );
    expect(fact(list, 'Monthly budget')).toHaveTextContent('5,000 per month');
    const workspace = within(fact(list, 'Log Analytics workspace')).getByRole(
      'link',
    );
    expect(workspace).toHaveTextContent('log-dp-finance');
    expect(workspace).toHaveAttribute(
      'href',
      `https://portal.azure.com/#resource${WORKSPACE_ID}/overview`,
    );
  });

  it('shows a dash for what an older domain does not record', async () => {
    renderCard(
      domain({ [PROVISIONING_ANNOTATIONS.domainRequestId]: 'req-old' }),
    );

    const list = await screen.findByLabelText(
      'How this domain was provisioned',
    );
    expect(fact(list, 'Approved by')).toHaveTextContent(/^—$/);
    expect(fact(list, 'Log Analytics workspace')).toHaveTextContent(/^—$/);
  });

  it('does not show on domains that were not provisioned by request', async () => {
    renderCard(domain({}));
    expect(await screen.findByTestId('empty-entity-page')).toBeInTheDocument();
  });
});
