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
import { retentionApi, retentionEntityContent } from '../../plugin';
import {
  BASE,
  dataProductEntity,
  directoryDetail,
  domainEntity,
  errorResponse,
  HR_AUDIT_ACCOUNT,
  HR_WORKSPACE,
  hrDetail,
  hrSummary,
  LOCK_WARNING,
  minutesAgo,
  portal,
  SHORTENING_WARNING,
} from '../../__testUtils__/fixtures';

const server = setupServer();
registerMswTestHooks(server);

function serve(path: string, detail: EntityRetentionDetail) {
  server.use(
    http.get(`${BASE}/entities/${path}`, () => HttpResponse.json(detail)),
  );
}

function renderTab(entity: Entity) {
  return renderTestApp({
    extensions: [
      createTestEntityPage({ entity }),
      retentionEntityContent,
      retentionApi,
    ],
    apis: [catalogApiMock({ entities: [entity] })],
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
  });
}

/** The row of each finding; the line under it holds the long text. */
function rowsOf(table: HTMLElement): HTMLElement[] {
  return within(table)
    .getAllByRole('row')
    .filter(row => row.hasAttribute('data-verdict'));
}

/** The line under a finding's row, which the row names as its description. */
function detailOf(row: HTMLElement): HTMLElement {
  const detail = document.getElementById(
    row.getAttribute('aria-describedby') ?? '',
  );
  if (!detail) throw new Error('the row has no detail line');
  return detail;
}

function segmentsOf(name: string): string[] {
  return within(screen.getByRole('list', { name: `Phases of ${name}` }))
    .getAllByRole('listitem')
    .map(item => item.getAttribute('aria-label') ?? '');
}

function fact(list: HTMLElement, label: string): HTMLElement {
  return within(list).getByText(label, { selector: 'dt' })
    .nextElementSibling as HTMLElement;
}

describe('RetentionTab', () => {
  it('sums up a domain: verdict, counts, findings by area and when it was evaluated', async () => {
    serve('domain/default/hr', hrDetail());
    renderTab(domainEntity('hr'));

    expect(
      await screen.findByRole('heading', { name: 'Retention of HR' }),
    ).toBeInTheDocument();
    const summary = screen
      .getByRole('heading', { name: 'Retention of HR' })
      .closest('div') as HTMLElement;
    expect(
      within(summary)
        .getAllByText(/^Violation$/)[0]
        .closest('[data-verdict]'),
    ).toHaveAttribute('data-verdict', 'violation');
    expect(
      within(within(summary).getByRole('list', { name: 'Findings by verdict' }))
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual(['3 violations', '1 at risk', '1 unknown', '6 compliant']);
    expect(summary).toHaveTextContent(
      '5 retention findings and 3 recovery findings of this domain; the counts include its 1 data product.',
    );
    expect(summary).toHaveTextContent(/As of .* UTC \(5 minutes ago\)/);
  });

  it('draws a timeline per category and resource, with a legend, labelled phases and required markers', async () => {
    serve('domain/default/hr', hrDetail());
    renderTab(domainEntity('hr'));

    const timelines = await screen.findByRole('list', { name: 'Timelines' });
    expect(
      within(timelines)
        .getAllByRole('figure')
        .map(figure => figure.getAttribute('aria-label')),
    ).toEqual([
      'Timeline of Audit trails in Log Analytics on log-dp-hr / AuditLogs',
      'Timeline of Sign-in logs (personal data) on log-dp-hr / SigninLogs',
      'Timeline of Audit containers on sthraudit / audit',
    ]);

    expect(
      segmentsOf('Audit trails in Log Analytics on log-dp-hr / AuditLogs'),
    ).toEqual(['Interactive: days 0 to 30', 'Deleted: from day 30']);
    expect(
      segmentsOf('Sign-in logs (personal data) on log-dp-hr / SigninLogs'),
    ).toEqual([
      'Interactive: days 0 to 90',
      'Long-term: days 90 to 3,650',
      'Deleted: from day 3,650',
    ]);
    expect(segmentsOf('Audit containers on sthraudit / audit')).toEqual([
      'Hot tier: from day 0, kept forever',
    ]);

    // 30 of 2,811 days: the required 2,555 days plus 10 %.
    const audit = screen.getByRole('figure', {
      name: 'Timeline of Audit trails in Log Analytics on log-dp-hr / AuditLogs',
    });
    const [interactive, deleted] = within(audit).getAllByRole('listitem');
    expect(interactive).toHaveAttribute('data-phase', 'interactive');
    expect(deleted).toHaveStyle({ left: `${(30 / 2811) * 100}%` });
    expect(audit).toHaveTextContent('2,811 days');
    expect(audit.getAttribute('data-verdict')).toBe('violation');
    expect(within(audit).getByText('Violation')).toBeInTheDocument();

    const marker = within(audit).getByRole('img', {
      name: 'Required: kept at least 2,555 days (7 years)',
    });
    expect(marker).toHaveStyle({ left: `${(2555 / 2811) * 100}%` });
    expect(
      within(audit).getByText('Required: kept at least 2,555 days (7 years)', {
        selector: 'figcaption',
      }),
    ).toBeInTheDocument();
    fireEvent.mouseOver(marker);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'Required: kept at least 2,555 days (7 years)',
    );

    const container = screen.getByRole('figure', {
      name: 'Timeline of Audit containers on sthraudit / audit',
    });
    expect(
      within(container)
        .getAllByRole('img')
        .map(m => m.getAttribute('aria-label')),
    ).toEqual([
      'Required: kept at least 3,650 days (10 years)',
      'Immutable for 3,650 days (10 years): blobs cannot be changed or deleted before',
    ]);

    // Only what the bars use is explained.
    expect(
      within(screen.getByRole('list', { name: 'Legend' }))
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual([
      'Interactive',
      'Long-term',
      'Hot tier',
      'Deleted',
      'Required retention',
      'Immutability',
    ]);
  });

  it('lists the retention findings that need attention worst first, with portal links, remediation and highlighted warnings', async () => {
    serve('domain/default/hr', hrDetail());
    renderTab(domainEntity('hr'));

    const table = await screen.findByRole('table', {
      name: 'Retention findings',
    });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map(h => h.textContent),
    ).toEqual(['Verdict', 'Check', 'Resource', 'Required', 'Actual']);
    const rows = rowsOf(table);
    expect(rows.map(row => row.getAttribute('data-verdict'))).toEqual([
      'violation',
      'violation',
      'at-risk',
      'unknown',
    ]);
    const [auditLogs, signinLogs, immutability, unknown] = rows;

    expect(auditLogs).toHaveTextContent(
      'Total retentionAudit trails in Log Analytics',
    );
    expect(
      within(auditLogs).getByRole('link', {
        name: 'Open log-dp-hr / AuditLogs in the Azure portal, Opens in a new window',
      }),
    ).toHaveAttribute('href', portal(`${HR_WORKSPACE}/tables/AuditLogs`));
    expect(auditLogs).toHaveTextContent('≥ 2,555 days (7 years)');
    expect(auditLogs).toHaveTextContent('30 days (workspace default)');
    // The long text is not in a column: it is on the line under the row.
    expect(auditLogs).not.toHaveTextContent('Set totalRetentionInDays');
    const auditDetail = detailOf(auditLogs);
    expect(auditDetail.closest('td')).toHaveAttribute('colspan', '5');
    expect(fact(auditDetail, 'Why')).toHaveTextContent(
      'AuditLogs in log-dp-hr keeps data for the workspace default of 30 days; at least 2,555 days are required.',
    );
    expect(fact(auditDetail, 'What to do')).toHaveTextContent(
      'Set totalRetentionInDays of table AuditLogs in workspace log-dp-hr to 2555',
    );
    expect(fact(auditDetail, 'Requirement from')).toHaveTextContent(
      'override for hr: Works council agreement 2024-17 limits sign-in logs to 7 years.',
    );
    expect(within(auditDetail).queryByRole('note')).toBeNull();

    expect(
      within(detailOf(signinLogs)).getByRole('note', { name: 'Warning' }),
    ).toHaveTextContent(`Warning: ${SHORTENING_WARNING}`);

    expect(
      within(immutability).getByText('At risk').closest('[data-verdict]')
        ?.className,
    ).toMatch(/MuiChip-colorWarning/);
    expect(fact(detailOf(immutability), 'What to do')).toHaveTextContent(
      'Lock the immutability policy of container audit in sthraudit',
    );
    expect(
      within(detailOf(immutability)).getByRole('note', { name: 'Warning' }),
    ).toHaveTextContent(LOCK_WARNING);

    expect(
      within(unknown).getByText('Unknown').closest('[data-verdict]')?.className,
    ).toMatch(/MuiChip-colorDefault/);
    expect(unknown).toHaveTextContent('not read');
    const unknownDetail = detailOf(unknown);
    expect(fact(unknownDetail, 'Last known')).toHaveTextContent(
      'compliant, never deleted by a lifecycle rule (2 days ago)',
    );
    expect(fact(unknownDetail, 'Why')).toHaveTextContent(
      'throttled by Azure (HTTP 429)',
    );
    // Nothing to change for an unknown: it says what to do only when there is something.
    expect(within(unknownDetail).queryByText('What to do')).toBeNull();
  });

  it('shows the compliant retention findings on request, with only why', async () => {
    serve('domain/default/hr', hrDetail());
    renderTab(domainEntity('hr'));

    const table = await screen.findByRole('table', {
      name: 'Retention findings',
    });
    expect(screen.queryByText('Interactive retention')).toBeNull();
    const toggle = screen.getByRole('button', {
      name: 'Show 1 compliant retention finding',
    });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(toggle).toHaveAttribute('aria-controls', table.id);

    fireEvent.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    expect(toggle).toHaveTextContent('Hide 1 compliant retention finding');
    const rows = rowsOf(table);
    expect(rows.map(row => row.getAttribute('data-verdict'))).toEqual([
      'violation',
      'violation',
      'at-risk',
      'unknown',
      'compliant',
    ]);
    const compliant = rows[4];
    expect(
      within(compliant).getByText('Compliant').closest('[data-verdict]')
        ?.className,
    ).toMatch(/MuiChip-colorSuccess/);
    expect(compliant).toHaveTextContent('Interactive retention');
    expect(detailOf(compliant)).toHaveTextContent(
      'AuditLogs in log-dp-hr is interactive for 30 days.',
    );
    expect(within(detailOf(compliant)).queryByText('Why')).toBeNull();
    expect(
      within(detailOf(compliant)).queryByText('Requirement from'),
    ).toBeNull();

    fireEvent.click(toggle);
    expect(rowsOf(table)).toHaveLength(4);
  });

  it('shows the recovery declaration, and its findings when asked as all are compliant', async () => {
    serve('domain/default/hr', hrDetail());
    renderTab(domainEntity('hr'));

    const declaration = await screen.findByLabelText('Recovery declaration');
    expect(
      fact(declaration, 'Recovery point objective (RPO)'),
    ).toHaveTextContent('1 day 12 hours (P1DT12H)');
    expect(
      fact(declaration, 'Recovery time objective (RTO)'),
    ).toHaveTextContent('24 hours (PT24H)');
    expect(fact(declaration, 'Strategy')).toHaveTextContent(
      'Backup and restore',
    );
    expect(fact(declaration, 'Declared by')).toHaveTextContent(
      'platform default',
    );

    expect(
      screen.getByText(
        'Nothing to act on: all 3 recovery findings are compliant.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('table', { name: 'Recovery findings' }),
    ).toBeNull();
    const toggle = screen.getByRole('button', {
      name: 'Show 3 compliant recovery findings',
    });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    fireEvent.click(toggle);

    const table = screen.getByRole('table', { name: 'Recovery findings' });
    expect(toggle).toHaveAttribute('aria-controls', table.id);
    const rows = rowsOf(table);
    expect(
      rows.map(row => within(row).getByRole('rowheader').textContent),
    ).toEqual([
      'ReplicationRecovery',
      'Recovery point (RPO)Recovery',
      'Recovery time (RTO)Recovery',
    ]);
    expect(
      within(rows[0]).getByRole('link', {
        name: /Open sthraudit in the Azure portal/,
      }),
    ).toHaveAttribute('href', portal(HR_AUDIT_ACCOUNT));
    expect(rows[2]).toHaveTextContent('Declaration');
    expect(rows[2]).toHaveTextContent('≥ 8 hours for backup and restore');
  });

  it("lists a domain's data products, each linked to its own tab", async () => {
    serve('domain/default/hr', hrDetail());
    renderTab(domainEntity('hr'));

    const table = await screen.findByRole('table', { name: 'Data products' });
    const [directory] = rowsOf(table);
    expect(
      within(directory).getByRole('link', { name: 'Employee Directory' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/dataproduct/employee-directory/retention',
    );
    expect(within(directory).getByText('Violation')).toBeInTheDocument();
    expect(
      within(
        within(directory).getByRole('list', {
          name: 'Findings of Employee Directory',
        }),
      )
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual(['1 violation', '0 at risk', '0 unknown', '2 compliant']);
    expect(directory).toHaveTextContent(
      "Total retention of sthrdata / gold/employee-directoryRequired ≥ 3,650 days (10 years); actual deleted after 1,825 days (rule 'gold-trim')",
    );
    expect(directory).toHaveTextContent('5 minutes ago');
  });

  it('shows a data product against its contract, without a data products section', async () => {
    serve('dataproduct/default/employee-directory', directoryDetail());
    renderTab(dataProductEntity('employee-directory'));

    expect(
      await screen.findByRole('heading', {
        name: 'Retention of Employee Directory',
      }),
    ).toBeInTheDocument();
    expect(
      segmentsOf(
        'Employee directory contract on sthrdata / gold/employee-directory',
      ),
    ).toEqual([
      'Hot tier: days 0 to 30',
      'Cool tier: days 30 to 1,825',
      'Deleted: from day 1,825',
    ]);
    expect(
      screen.getByRole('img', {
        name: 'Required: kept at least 3,650 days (10 years)',
      }),
    ).toBeInTheDocument();
    const [contract] = rowsOf(
      screen.getByRole('table', { name: 'Retention findings' }),
    );
    expect(fact(detailOf(contract), 'Requirement from')).toHaveTextContent(
      'contract api:default/employee-directory-contract',
    );
    expect(contract).toHaveTextContent(
      "deleted after 1,825 days (rule 'gold-trim')",
    );
    expect(
      fact(screen.getByLabelText('Recovery declaration'), 'Declared by'),
    ).toHaveTextContent('strategy of domain:default/hr');
    expect(screen.queryByRole('heading', { name: 'Data products' })).toBeNull();
    expect(screen.getByText(/of this data product\.$/)).toBeInTheDocument();
  });

  it('says so when there is nothing to draw or list', async () => {
    serve('domain/default/hr', {
      summary: hrSummary({
        verdict: 'unknown',
        counts: { violation: 0, 'at-risk': 0, unknown: 0, compliant: 0 },
        worst: undefined,
        dataProductCount: 0,
      }),
      findings: [],
      timelines: [],
      dataProducts: [],
    });
    renderTab(domainEntity('hr'));

    expect(
      await screen.findByText(
        /^No timelines: none of the tables or containers/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByText(/^No retention findings:/)).toBeInTheDocument();
    expect(
      screen.getByText(
        'No recovery declaration was evaluated for this entity.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText(/^No recovery findings/)).toBeInTheDocument();
    expect(
      screen.getByText('This domain has no evaluated data products.'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('warns when the evaluation is stale', async () => {
    serve('domain/default/hr', {
      ...hrDetail(),
      summary: hrSummary({ stale: true, evaluatedAt: minutesAgo(180) }),
    });
    renderTab(domainEntity('hr'));

    expect(
      await screen.findByText('Stale: this evaluation is out of date'),
    ).toBeInTheDocument();
    expect(screen.getByText(/was 3 hours ago/)).toBeInTheDocument();
  });

  it('shows a progress bar while it loads, then the tab', async () => {
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
    renderTab(domainEntity('hr'));

    expect(
      await screen.findByRole('progressbar', { name: 'Loading' }),
    ).toBeInTheDocument();
    release();
    expect(
      await screen.findByRole('heading', { name: 'Retention of HR' }),
    ).toBeInTheDocument();
  });

  it('shows why it could not load, and loads again on retry', async () => {
    let calls = 0;
    server.use(
      http.get(`${BASE}/entities/domain/default/hr`, () => {
        calls += 1;
        return calls === 1
          ? errorResponse(500, 'Error', 'database is locked')
          : HttpResponse.json(hrDetail());
      }),
    );
    renderTab(domainEntity('hr'));

    expect(
      await screen.findByText(/Could not load the retention of this entity/),
    ).toBeInTheDocument();
    expect(screen.getAllByText(/database is locked/).length).toBeGreaterThan(0);
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(
      await screen.findByRole('heading', { name: 'Retention of HR' }),
    ).toBeInTheDocument();
    expect(calls).toBe(2);
  });

  it('tells that an entity has not been evaluated yet', async () => {
    server.use(
      http.get(`${BASE}/entities/dataproduct/default/employee-directory`, () =>
        errorResponse(
          404,
          'NotFoundError',
          'no retention evaluation for dataproduct:default/employee-directory yet',
        ),
      ),
    );
    renderTab(dataProductEntity('employee-directory'));

    expect(
      await screen.findByText('No retention evaluation for this entity yet'),
    ).toBeInTheDocument();
  });
});
