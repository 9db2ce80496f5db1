import { fireEvent, screen, within } from '@testing-library/react';
import {
  registerMswTestHooks,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  catalogApiMock,
  createTestEntityPage,
} from '@backstage/plugin-catalog-react/testUtils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { EntityRetentionDetail } from '@dataplatform/plugin-retention-common';
import { retentionApi, retentionEntityCard } from '../../plugin';
import {
  auditTotalUnknown,
  BASE,
  dataProductEntity,
  directoryDetail,
  directoryReplication,
  directoryRto,
  directorySummary,
  domainEntity,
  errorResponse,
  hrDetail,
  hrSummary,
  minutesAgo,
  SHORTENING_WARNING,
  signinLogsTotal,
} from '../../__testUtils__/fixtures';

const server = setupServer();
registerMswTestHooks(server);

function renderCard(entity: Entity) {
  return renderTestApp({
    extensions: [
      createTestEntityPage({ entity }),
      retentionEntityCard,
      retentionApi,
    ],
    apis: [catalogApiMock({ entities: [entity] })],
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
  });
}

function serve(path: string, detail: EntityRetentionDetail) {
  server.use(
    http.get(`${BASE}/entities/${path}`, () => HttpResponse.json(detail)),
  );
}

function countsOf(name = 'Findings by verdict'): string[] {
  return within(screen.getByRole('list', { name }))
    .getAllByRole('listitem')
    .map(item => item.textContent ?? '');
}

describe('RetentionCard', () => {
  it('shows a domain: verdict, counts by verdict, the worst finding and when it was evaluated', async () => {
    serve('domain/default/hr', hrDetail());
    renderCard(domainEntity('hr'));

    const chip = await screen.findByText('Violation');
    expect(chip.closest('[data-verdict]')?.className).toMatch(
      /MuiChip-colorError/,
    );
    expect(screen.getByText('Retention')).toBeInTheDocument();
    expect(screen.getByText('11 requirements checked')).toBeInTheDocument();
    expect(countsOf()).toEqual([
      '3 violations',
      '1 at risk',
      '1 unknown',
      '6 compliant',
    ]);
    expect(
      screen.getByText('Counts include the findings of 1 data product.'),
    ).toBeInTheDocument();
    expect(screen.getByText(/^As of/)).toHaveTextContent(
      /^As of \d{1,2} \w{3} \d{4}, \d\d:\d\d UTC \(5 minutes ago\)$/,
    );
    expect(screen.queryByText(/Stale/)).toBeNull();

    const worst = screen.getByRole('group', { name: 'Worst finding' });
    expect(worst).toHaveTextContent(
      'Total retention of log-dp-hr / AuditLogs (violation, Audit trails in Log Analytics)',
    );
    expect(worst).toHaveTextContent('Required: ≥ 2,555 days (7 years)');
    expect(worst).toHaveTextContent('Actual: 30 days (workspace default)');
    expect(worst).toHaveTextContent(
      'Set totalRetentionInDays of table AuditLogs in workspace log-dp-hr to 2555 (Tables › AuditLogs › Manage table in the Azure portal).',
    );
    expect(
      screen.getByRole('link', {
        name: 'See every requirement and timeline in the Retention tab',
      }),
    ).toHaveAttribute('href', '/catalog/default/domain/hr/retention');
  });

  it('highlights the warning that comes with the worst finding', async () => {
    const detail = hrDetail();
    detail.summary.worst = signinLogsTotal;
    serve('domain/default/hr', detail);
    renderCard(domainEntity('hr'));

    const worst = await screen.findByRole('group', { name: 'Worst finding' });
    expect(worst).toHaveTextContent('Required: ≤ 2,555 days (7 years)');
    expect(
      within(worst).getByRole('note', { name: 'Warning' }),
    ).toHaveTextContent(`Warning: ${SHORTENING_WARNING}`);
  });

  it('shows what an unknown worst finding said the last time it was read', async () => {
    const detail = hrDetail();
    detail.summary = hrSummary({
      verdict: 'unknown',
      counts: { violation: 0, 'at-risk': 0, unknown: 1, compliant: 4 },
      worst: auditTotalUnknown,
      dataProductCount: 0,
    });
    serve('domain/default/hr', detail);
    renderCard(domainEntity('hr'));

    const worst = await screen.findByRole('group', { name: 'Worst finding' });
    expect(worst).toHaveTextContent('Actual: not read');
    expect(worst).toHaveTextContent(
      'Last known (2 days ago): compliant, never deleted by a lifecycle rule',
    );
    expect(worst).toHaveTextContent('throttled by Azure (HTTP 429)');
    expect(screen.queryByText(/Counts include/)).toBeNull();
  });

  it('on a data product, compares each contract retention with what Azure keeps', async () => {
    serve('dataproduct/default/employee-directory', directoryDetail());
    renderCard(dataProductEntity('employee-directory'));

    // The title shows while the card loads; wait for what the answer brings.
    await screen.findByRole('list', { name: 'Findings by verdict' });
    expect(screen.getByText('Retention vs contract')).toBeInTheDocument();
    expect(countsOf()).toEqual([
      '1 violation',
      '0 at risk',
      '0 unknown',
      '2 compliant',
    ]);
    const items = within(
      screen.getByRole('list', { name: 'Contract retention against Azure' }),
    ).getAllByRole('listitem');
    expect(items).toHaveLength(1);
    expect(items[0]).toHaveAttribute('data-verdict', 'violation');
    expect(items[0]).toHaveTextContent(
      'Total retention of sthrdata / gold/employee-directory (violation)',
    );
    expect(items[0]).toHaveTextContent(
      'Contract requires: ≥ 3,650 days (10 years)',
    );
    expect(items[0]).toHaveTextContent(
      "Azure keeps: deleted after 1,825 days (rule 'gold-trim')",
    );
    expect(items[0]).toHaveTextContent(
      'From contract api:default/employee-directory-contract',
    );
    expect(items[0]).toHaveTextContent("Change rule 'gold-trim'");
    // The worst finding is this one; it is not repeated.
    expect(screen.queryByRole('group', { name: 'Worst finding' })).toBeNull();
    expect(screen.queryByText(/Counts include/)).toBeNull();
    expect(screen.getByRole('link', { name: /Retention tab/ })).toHaveAttribute(
      'href',
      '/catalog/default/dataproduct/employee-directory/retention',
    );
  });

  it('says when no contract of a data product names an Azure location', async () => {
    serve('dataproduct/default/employee-directory', {
      ...directoryDetail(),
      summary: directorySummary({
        verdict: 'compliant',
        counts: { violation: 0, 'at-risk': 0, unknown: 0, compliant: 2 },
        worst: directoryReplication,
      }),
      findings: [directoryReplication, directoryRto],
      timelines: [],
    });
    renderCard(dataProductEntity('employee-directory'));

    expect(
      await screen.findByText(
        /No contract of this data product names an Azure storage location/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Compliant').closest('[data-verdict]')?.className,
    ).toMatch(/MuiChip-colorSuccess/);
  });

  it('warns when the evaluation is stale', async () => {
    serve('domain/default/hr', {
      ...hrDetail(),
      summary: hrSummary({ stale: true, evaluatedAt: minutesAgo(60) }),
    });
    renderCard(domainEntity('hr'));

    expect(
      await screen.findByText('Stale: this evaluation is out of date'),
    ).toBeInTheDocument();
    expect(screen.getByText('stale')).toBeInTheDocument();
    expect(
      screen.getByText(/was 1 hour ago, more than three scan intervals ago/),
    ).toBeInTheDocument();
  });

  it('shows a progress bar while it loads', async () => {
    let release: () => void = () => {};
    const released = new Promise<void>(resolve => {
      release = resolve;
    });
    server.use(
      http.get(`${BASE}/entities/domain/default/hr`, async () => {
        await released;
        return HttpResponse.json(hrDetail());
      }),
    );
    renderCard(domainEntity('hr'));

    expect(
      await screen.findByRole('progressbar', { name: 'Loading' }),
    ).toBeInTheDocument();
    release();
    expect(
      await screen.findByText('11 requirements checked'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it('shows why it could not load, and loads again on retry', async () => {
    let calls = 0;
    server.use(
      http.get(`${BASE}/entities/domain/default/hr`, () => {
        calls += 1;
        return calls === 1
          ? errorResponse(
              503,
              'ServiceUnavailableError',
              'the retention store is not reachable',
            )
          : HttpResponse.json(hrDetail());
      }),
    );
    renderCard(domainEntity('hr'));

    expect(
      await screen.findByText(/Could not load the retention of this entity/),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText(/the retention store is not reachable/).length,
    ).toBeGreaterThan(0);

    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));

    expect(
      await screen.findByText('11 requirements checked'),
    ).toBeInTheDocument();
    expect(calls).toBe(2);
  });

  it('tells that an entity has not been evaluated yet rather than failing', async () => {
    server.use(
      http.get(`${BASE}/entities/domain/default/hr`, () =>
        errorResponse(
          404,
          'NotFoundError',
          'no retention evaluation for domain:default/hr yet',
        ),
      ),
    );
    renderCard(domainEntity('hr'));

    expect(
      await screen.findByText('No retention evaluation for this entity yet'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/dataplatform.contoso.com\/azure-subscription-id/),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Could not load/)).toBeNull();
  });

  it('does not show on other kinds', async () => {
    renderCard({ ...domainEntity('hr'), kind: 'System' });
    expect(await screen.findByTestId('empty-entity-page')).toBeInTheDocument();
  });
});
