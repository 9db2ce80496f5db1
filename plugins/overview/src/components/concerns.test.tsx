import { render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { SourceStatus } from '@dataplatform/plugin-overview-common';
import {
  costCell,
  healthCell,
  okSources,
  STALE_COST_REASON,
  troubledSources,
  unavailableCell,
} from '../__testUtils__/fixtures';
import {
  AttentionChip,
  ConcernCellLink,
  formatUtcTime,
  isUnavailable,
  SourcesLine,
  sourceProblem,
} from './concerns';

function renderInRouter(element: JSX.Element) {
  return render(<MemoryRouter>{element}</MemoryRouter>);
}

describe('AttentionChip', () => {
  it.each([
    ['critical', 'MuiChip-colorError'],
    ['warning', 'MuiChip-colorWarning'],
    ['unknown', 'MuiChip-colorDefault'],
    ['ok', 'MuiChip-colorSuccess'],
  ] as const)('colours %s with %s and an icon', (level, colourClass) => {
    const { container } = render(<AttentionChip level={level} label="Text" />);
    const chip = container.querySelector('[data-attention]')!;
    expect(chip.getAttribute('data-attention')).toBe(level);
    expect(chip).toHaveClass(colourClass);
    expect(chip.querySelector('svg')).not.toBeNull();
    expect(chip).toHaveTextContent('Text');
  });
});

describe('ConcernCellLink', () => {
  it('names the link by concern and text and links to the details', () => {
    renderInRouter(
      <ConcernCellLink
        concern="health"
        cell={healthCell('sales', 'unhealthy')}
      />,
    );
    const link = screen.getByRole('link', { name: 'Health: Unhealthy' });
    expect(link).toHaveAttribute(
      'href',
      '/catalog/default/domain/sales/health',
    );
    expect(link).not.toHaveAttribute('aria-describedby');
    expect(within(link).queryByTestId('stale-marker')).not.toBeInTheDocument();
  });

  it('marks a stale cell, keeping its level, and says why', () => {
    renderInRouter(
      <ConcernCellLink
        concern="cost"
        cell={costCell('sales', 'over-budget', 112, {
          stale: STALE_COST_REASON,
        })}
      />,
    );
    const link = screen.getByRole('link', {
      name: 'Cost: 112% of budget forecast',
    });
    expect(within(link).getByTestId('stale-marker')).toHaveTextContent('stale');
    expect(link).toHaveAccessibleDescription(
      `Last known, stale: ${STALE_COST_REASON}`,
    );
    expect(
      link.querySelector('[data-attention]')?.getAttribute('data-attention'),
    ).toBe('critical');
  });

  it('shows an unavailable cell as unknown with its reason', () => {
    const cell = unavailableCell(
      'sales',
      'cost',
      'Cost is visible to group:default/sales-owners and the platform team',
      'Restricted',
    );
    expect(isUnavailable(cell)).toBe(true);
    expect(isUnavailable(costCell('sales', 'on-track', 50))).toBe(false);
    renderInRouter(<ConcernCellLink concern="cost" cell={cell} />);
    const link = screen.getByRole('link', { name: 'Cost: Restricted' });
    expect(link).toHaveAccessibleDescription(
      'Unavailable: Cost is visible to group:default/sales-owners and the platform team',
    );
    expect(
      link.querySelector('[data-attention]')?.getAttribute('data-attention'),
    ).toBe('unknown');
  });

  it('says Unavailable when the backend gave no text', () => {
    renderInRouter(
      <ConcernCellLink
        concern="retention"
        cell={unavailableCell('sales', 'retention', 'failing', '')}
      />,
    );
    expect(
      screen.getByRole('link', { name: 'Retention: Unavailable' }),
    ).toBeInTheDocument();
  });
});

describe('SourcesLine', () => {
  it('says everything is current as of the oldest source', () => {
    const sources: SourceStatus[] = okSources().map(source =>
      source.concern === 'retention'
        ? { ...source, asOf: '2026-11-24T10:57:40Z' }
        : source,
    );
    render(<SourcesLine sources={sources} />);
    expect(
      screen.getByText('All data current as of 10:57 UTC'),
    ).toBeInTheDocument();
  });

  it('gives one line per source that is not current', () => {
    render(<SourcesLine sources={troubledSources()} />);
    expect(
      within(screen.getByRole('list', { name: 'Data freshness' }))
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual([
      `Cost: stale — ${STALE_COST_REASON}`,
      'Retention: failing — dataplatform-retention has not answered since 10:40 UTC: connect ECONNREFUSED',
    ]);
  });

  it('explains a pending source and one without reasons', () => {
    const [health, cost] = okSources();
    expect(
      sourceProblem({ ...health, state: 'pending', asOf: undefined }),
    ).toBe('Health: pending — not read yet, the overview has just started');
    expect(sourceProblem({ ...cost, state: 'stale', reasons: [] })).toBe(
      'Cost: stale — dataplatform-cost gave no reason',
    );
    expect(sourceProblem(cost)).toBeUndefined();
  });
});

describe('formatUtcTime', () => {
  it('writes hours and minutes in UTC', () => {
    expect(formatUtcTime('2026-11-24T23:05:59Z')).toBe('23:05 UTC');
    expect(formatUtcTime('2026-11-24T00:00:00+01:00')).toBe('23:00 UTC');
    expect(formatUtcTime('soon')).toBe('soon');
  });
});
