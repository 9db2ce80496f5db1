import { fireEvent, screen, within } from '@testing-library/react';
import { registerMswTestHooks } from '@backstage/frontend-test-utils';
import { setupServer } from 'msw/node';
import { SandboxOverview } from '@dataplatform/plugin-overview-common';
import { domainSandboxesEntityCard } from '../../plugin';
import {
  dayFromToday,
  domainEntity,
  renderDomainCards,
  salesOverview,
  serveDomain,
  renderUnknownDomain,
} from '../../__testUtils__/domainFixtures';

const server = setupServer();
registerMswTestHooks(server);

function renderCard(entity = domainEntity()) {
  return renderDomainCards([domainSandboxesEntityCard], entity);
}

function itemsOf(label: string): HTMLElement[] {
  return within(screen.getByRole('list', { name: label })).getAllByRole(
    'listitem',
  );
}

function sandbox(
  name: string,
  daysLeft: number,
  state = 'active',
): SandboxOverview {
  return {
    entityRef: `resource:default/${name}`,
    name,
    title: name,
    href: `/catalog/default/resource/${name}`,
    state,
    expiresOn: dayFromToday(daysLeft),
    daysLeft,
  };
}

describe('DomainSandboxesCard', () => {
  it('lists the open sandboxes with their end, days left, state and cap', async () => {
    serveDomain(server, salesOverview());
    renderCard();

    await screen.findByRole('list', { name: 'Open sandboxes' });
    expect(screen.getByRole('heading', { name: 'Sandboxes' })).toBeVisible();
    const [pilot, pricing] = itemsOf('Open sandboxes');
    expect(itemsOf('Open sandboxes')).toHaveLength(2);

    expect(
      within(pilot).getByRole('link', { name: 'GenAI pilot' }),
    ).toHaveAttribute('href', '/catalog/default/resource/sandbox-genai-pilot');
    expect(pilot).toHaveTextContent(
      `GenAI pilotExpiringends ${dayFromToday(5)}, in 5 days· cap 500 a month`,
    );
    // Within 14 days of its end: the warning colour.
    expect(
      within(pilot).getByText(`ends ${dayFromToday(5)}, in 5 days`),
    ).toHaveAttribute('data-urgency', 'soon');

    expect(
      within(pricing).getByRole('link', { name: 'Pricing experiments' }),
    ).toHaveAttribute('href', '/catalog/default/resource/sandbox-pricing');
    expect(pricing).toHaveTextContent(
      `Pricing experimentsActiveends ${dayFromToday(
        68,
      )}, in 68 days· cap 1,200 a month`,
    );
    expect(
      within(pricing).getByText(`ends ${dayFromToday(68)}, in 68 days`),
    ).toHaveAttribute('data-urgency', 'later');
    expect(screen.queryByText('Churn model')).toBeNull();
  });

  it('keeps the ended sandboxes folded under "Ended (n)" until asked', async () => {
    serveDomain(server, salesOverview());
    renderCard();

    const toggle = await screen.findByRole('button', { name: 'Ended (1)' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByRole('list', { name: 'Ended sandboxes' })).toBeNull();

    fireEvent.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const [churn] = itemsOf('Ended sandboxes');
    expect(itemsOf('Ended sandboxes')).toHaveLength(1);
    expect(churn).toHaveTextContent(
      `Churn modelExpiredended ${dayFromToday(
        -30,
      )}, 30 days ago· cap 300 a month`,
    );
    expect(
      within(churn).getByRole('link', { name: 'Churn model' }),
    ).toHaveAttribute('href', '/catalog/default/resource/sandbox-churn');

    fireEvent.click(toggle);
    expect(screen.queryByRole('list', { name: 'Ended sandboxes' })).toBeNull();
  });

  it('shows an open sandbox past its end in the error colour, and one ending today as a warning', async () => {
    serveDomain(
      server,
      salesOverview({
        sandboxes: [
          sandbox('sandbox-overdue', -2, 'needs-attention'),
          sandbox('sandbox-today', 0),
          sandbox('sandbox-fortnight', 14),
          sandbox('sandbox-later', 15),
        ],
      }),
    );
    renderCard();

    await screen.findByRole('list', { name: 'Open sandboxes' });
    const items = itemsOf('Open sandboxes');
    expect(
      items.map(item => [
        item.querySelector('[data-urgency]')?.textContent,
        item.querySelector('[data-urgency]')?.getAttribute('data-urgency'),
      ]),
    ).toEqual([
      [`ended ${dayFromToday(-2)}, 2 days ago`, 'past'],
      [`ends ${dayFromToday(0)}, today`, 'soon'],
      [`ends ${dayFromToday(14)}, in 14 days`, 'soon'],
      [`ends ${dayFromToday(15)}, in 15 days`, 'later'],
    ]);
    expect(within(items[0]).getByText('Needs attention')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Ended/ })).toBeNull();
  });

  it('without open sandboxes, links to the template that leases one', async () => {
    serveDomain(server, salesOverview({ sandboxes: [] }));
    renderCard();

    expect(
      await screen.findByText(
        "No open innovation sandboxes for this domain's owners.",
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Lease a sandbox' }),
    ).toHaveAttribute(
      'href',
      '/create/templates/default/lease-innovation-sandbox',
    );
    expect(screen.queryByRole('button', { name: /^Ended/ })).toBeNull();
  });

  it('with only ended sandboxes, offers a lease and keeps the ended ones folded', async () => {
    serveDomain(
      server,
      salesOverview({
        sandboxes: [
          sandbox('sandbox-old', -40, 'expired'),
          sandbox('sandbox-older', -90, 'decommissioned'),
        ],
      }),
    );
    renderCard();

    expect(
      await screen.findByRole('link', { name: 'Lease a sandbox' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Ended (2)' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('list', { name: 'Open sandboxes' })).toBeNull();
  });

  it('tells that the overview backend does not know the domain yet on a 404', async () => {
    expect(
      await renderUnknownDomain(server, () => renderCard()),
    ).toBeInTheDocument();
  });
});
