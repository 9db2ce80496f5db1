import { screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { PageHeading } from './PageHeading';

describe('PageHeading', () => {
  it('shows the title as the heading, the description, the extra line and the actions', async () => {
    await renderInTestApp(
      <PageHeading
        title="Cost across the estate"
        description="What every domain costs this month."
        extra={<span>Data as of 3 hours ago</span>}
      >
        <button type="button">Refresh now</button>
      </PageHeading>,
    );
    const heading = screen.getByRole('heading', { level: 2 });
    expect(heading).toHaveTextContent('Cost across the estate');
    expect(
      screen.getByText('What every domain costs this month.').tagName,
    ).toBe('P');
    // The extra line sits with the title; the actions beside them.
    const titleColumn = heading.parentElement!;
    expect(
      within(titleColumn).getByText('Data as of 3 hours ago'),
    ).toBeInTheDocument();
    expect(
      within(titleColumn).queryByRole('button', { name: 'Refresh now' }),
    ).not.toBeInTheDocument();
    expect(
      within(titleColumn.parentElement!).getByRole('button', {
        name: 'Refresh now',
      }),
    ).toBeInTheDocument();
  });

  it('renders without an extra line or actions', async () => {
    await renderInTestApp(
      <PageHeading title="Platform health" description="Worst first." />,
    );
    const heading = screen.getByRole('heading', { name: 'Platform health' });
    expect(heading.parentElement!.children).toHaveLength(2);
    expect(heading.parentElement!.parentElement!.children).toHaveLength(1);
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });
});
