import { screen, within } from '@testing-library/react';
import { registerMswTestHooks } from '@backstage/frontend-test-utils';
import { setupServer } from 'msw/node';
import { domainPeopleEntityCard } from '../../plugin';
import {
  domainEntity,
  renderDomainCards,
  salesOverview,
  serveDomain,
  renderUnknownDomain,
  UNKNOWN_DOMAIN_MESSAGE,
} from '../../__testUtils__/domainFixtures';

const server = setupServer();
registerMswTestHooks(server);

function renderCard(entity = domainEntity()) {
  return renderDomainCards([domainPeopleEntityCard], entity);
}

describe('DomainPeopleCard', () => {
  it('links the owner group and lists its members with their user pages and e-mail', async () => {
    serveDomain(server, salesOverview());
    renderCard();

    expect(
      await screen.findByRole('link', { name: 'Sales domain owners' }),
    ).toHaveAttribute('href', '/catalog/default/group/sales-domain-owners');
    expect(screen.getByRole('heading', { name: 'People' })).toBeVisible();
    expect(screen.getByText('2 members')).toBeInTheDocument();
    const members = within(
      screen.getByRole('list', { name: 'Members of the owner group' }),
    ).getAllByRole('listitem');
    expect(members.map(member => member.textContent)).toEqual([
      'Ana Silvaana.silva@contoso.com',
      'Ben Okaforno e-mail in the catalog',
    ]);
    expect(
      within(members[0]).getByRole('link', { name: 'Ana Silva' }),
    ).toHaveAttribute('href', '/catalog/default/user/ana.silva');
    const mail = within(members[0]).getByRole('link', {
      name: 'ana.silva@contoso.com',
    });
    expect(mail).toHaveAttribute('href', 'mailto:ana.silva@contoso.com');
    expect(mail).not.toHaveAttribute('target');
    expect(
      within(members[1]).getByRole('link', { name: 'Ben Okafor' }),
    ).toHaveAttribute('href', '/catalog/default/user/ben.okafor');
    expect(within(members[1]).getAllByRole('link')).toHaveLength(1);
  });

  it('says when the group has no members, and when there is no owner group', async () => {
    const overview = salesOverview();
    serveDomain(
      server,
      salesOverview({ owner: { ...overview.owner!, members: [] } }),
    );
    const { unmount } = await renderCard();
    expect(
      await screen.findByText('The group has no members in the catalog.'),
    ).toBeInTheDocument();
    unmount();

    serveDomain(server, salesOverview({ owner: undefined }), 'hr');
    renderCard(domainEntity('hr'));
    expect(
      await screen.findByText(
        /This domain names no owner group the catalog knows/,
      ),
    ).toBeInTheDocument();
  });

  it('tells that the overview backend does not know the domain yet on a 404', async () => {
    expect(
      await renderUnknownDomain(server, () => renderCard()),
    ).toBeInTheDocument();
    expect(screen.getByText(UNKNOWN_DOMAIN_MESSAGE)).toBeInTheDocument();
  });
});
