import { screen, within } from '@testing-library/react';
import { renderTestApp } from '@backstage/frontend-test-utils';
import {
  catalogApiMock,
  createTestEntityPage,
} from '@backstage/plugin-catalog-react/testUtils';
import { Entity } from '@backstage/catalog-model';
import { dataProductAboutEntityCard } from '../../plugin';
import { contracts, dealFraudScores } from '../../__testUtils__/fixtures';

function renderCard(entity: Entity) {
  return renderTestApp({
    extensions: [createTestEntityPage({ entity }), dataProductAboutEntityCard],
    apis: [catalogApiMock({ entities: [entity] })],
  });
}

function value(list: HTMLElement, label: string) {
  return within(list).getByText(label).nextElementSibling as HTMLElement;
}

describe('DataProductAboutCard', () => {
  it('tells where the product sits, its service levels and how its data is handled', async () => {
    renderCard({
      ...dealFraudScores,
      spec: { ...dealFraudScores.spec, externalSharing: true },
    });

    const list = await screen.findByLabelText('Data product');

    expect(within(value(list, 'Domain')).getByRole('link')).toHaveTextContent(
      'finance',
    );
    expect(within(value(list, 'Owner')).getByRole('link')).toHaveTextContent(
      'finance-team',
    );
    expect(value(list, 'Layer')).toHaveTextContent('Gold');
    expect(value(list, 'Classification')).toHaveTextContent('Confidential');
    expect(value(list, 'Lifecycle')).toHaveTextContent('Production');
    expect(value(list, 'Freshness')).toHaveTextContent(
      'Fresh within 15 minutes',
    );
    expect(value(list, 'Availability')).toHaveTextContent('99.9%');
    expect(value(list, 'Recovery point (RPO)')).toHaveTextContent(
      'At most 36 hours of data lost',
    );
    expect(value(list, 'Recovery time (RTO)')).toHaveTextContent(
      'Back within 24 hours',
    );
    expect(value(list, 'Retention')).toHaveTextContent(
      'Regulatory (kept 7 years)',
    );
    expect(value(list, 'Residency')).toHaveTextContent('European Union');
    expect(value(list, 'External sharing (B2B)')).toHaveTextContent(
      'Yes, may be shared with partners',
    );
  });

  it('shows a dash for what a product does not state instead of failing', async () => {
    renderCard({
      ...dealFraudScores,
      spec: {
        domain: 'finance',
        sla: 'soon',
        retentionClass: 'forever',
      } as any,
    });

    const list = await screen.findByLabelText('Data product');
    expect(value(list, 'Freshness')).toHaveTextContent('—');
    expect(value(list, 'Retention')).toHaveTextContent(/^Forever$/);
    expect(value(list, 'External sharing (B2B)')).toHaveTextContent('—');
  });

  it('does not show on other entities', async () => {
    renderCard(contracts.dealFraudScores);
    expect(await screen.findByTestId('empty-entity-page')).toBeInTheDocument();
  });
});
