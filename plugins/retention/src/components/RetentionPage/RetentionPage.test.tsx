import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { ResponseError } from '@backstage/errors';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  EstateFinding,
  EstateFindingsResponse,
} from '@dataplatform/plugin-retention-common';
import { RetentionApi, retentionApiRef } from '../../api';
import {
  auditImmutability,
  estateResponse,
  salesBronzeTotal,
} from '../../__testUtils__/fixtures';
import { RetentionPage } from './RetentionPage';

async function responseError(status: number, message: string) {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: status === 403 ? 'NotAllowedError' : 'Error', message },
        response: { statusCode: status },
      }),
      { status, headers: { 'Content-Type': 'application/json' } },
    ),
  );
}

/** A RetentionApi whose findings answers are queued; the last one repeats. */
function fakeApi(...answers: Array<EstateFindingsResponse | Error>) {
  const getFindings = jest.fn(async () => {
    const answer = answers.length > 1 ? answers.shift()! : answers[0];
    if (answer instanceof Error) throw answer;
    return answer;
  });
  const downloadFindingsCsv = jest.fn(
    async () =>
      new File(['verdict,domain\r\n'], 'retention-findings-2026-03-12.csv', {
        type: 'text/csv',
      }),
  );
  const triggerScan = jest.fn(async () => ({ triggered: true }));
  const api: RetentionApi = {
    getEntities: jest.fn(),
    getEntity: jest.fn(),
    getFindings,
    downloadFindingsCsv,
    triggerScan,
  };
  return { api, getFindings, downloadFindingsCsv, triggerScan };
}

function renderPage(api: RetentionApi, url = '/') {
  return renderInTestApp(<RetentionPage />, {
    apis: [[retentionApiRef, api]],
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    initialRouteEntries: [url],
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

/** The text of a term of a detail line ("Why", "What to do", ...). */
function fact(detail: HTMLElement, term: string): string | null {
  const dt = within(detail).queryByText(term, { selector: 'dt' });
  return dt?.nextElementSibling?.textContent ?? null;
}

/** Verdict, entity and check of each row, as people read them. */
function described(table: HTMLElement): string[] {
  return rowsOf(table).map(row => {
    const entity = within(row).getAllByRole('cell')[1];
    const check = within(row).getByRole('rowheader');
    return `${row.getAttribute('data-verdict')} ${entity.textContent} ${
      check.textContent
    }`;
  });
}

function verdictButtons(): string[] {
  return within(screen.getByRole('toolbar', { name: 'Filter by verdict' }))
    .getAllByRole('button')
    .map(button => button.textContent ?? '');
}

/** The verdicts whose chips are pressed. */
function chosenVerdicts(): string[] {
  return within(screen.getByRole('toolbar', { name: 'Filter by verdict' }))
    .getAllByRole('button')
    .filter(button => button.getAttribute('aria-pressed') === 'true')
    .map(button => button.textContent ?? '');
}

/** The resource name of each row, without the screen-reader note of its link. */
function resourcesOf(table: HTMLElement): string[] {
  return rowsOf(table).map(row =>
    (within(row).getAllByRole('cell')[2].textContent ?? '').replace(
      ', Opens in a new window',
      '',
    ),
  );
}

/**
 * A large estate: `violations` violations on bronze-01, bronze-02, ... (so
 * their order is known), two at risk and `compliant` compliant findings.
 */
function largeEstate(violations: number, compliant: number) {
  const pad = (i: number) => String(i).padStart(2, '0');
  const findings: EstateFinding[] = [];
  for (let i = 1; i <= violations; i++) {
    findings.push({
      ...salesBronzeTotal,
      id: `${salesBronzeTotal.id}-${pad(i)}`,
      resourceName: `stsalesdata / bronze-${pad(i)}`,
    });
  }
  for (const name of ['audit-a', 'audit-b']) {
    findings.push({
      ...auditImmutability,
      domainRef: 'domain:default/hr',
      id: `${auditImmutability.id}-${name}`,
      resourceName: `sthraudit / ${name}`,
    });
  }
  for (let i = 1; i <= compliant; i++) {
    findings.push({
      ...salesBronzeTotal,
      id: `${salesBronzeTotal.id}-ok-${pad(i)}`,
      resourceName: `stsalesdata / silver-${pad(i)}`,
      verdict: 'compliant',
      remediation: undefined,
    });
  }
  return { ...estateResponse(), findings };
}

describe('RetentionPage', () => {
  const original = {
    create: URL.createObjectURL,
    revoke: URL.revokeObjectURL,
  };
  afterEach(() => {
    URL.createObjectURL = original.create;
    URL.revokeObjectURL = original.revoke;
    jest.restoreAllMocks();
  });

  it('lists what needs attention worst first, with counts and the last scan', async () => {
    const { api } = fakeApi(estateResponse());
    renderPage(api);

    const table = await screen.findByRole('table', { name: 'Findings' });
    expect(
      screen.getByRole('heading', { name: 'Retention across the estate' }),
    ).toBeInTheDocument();
    expect(verdictButtons()).toEqual([
      '5 violations',
      '1 at risk',
      '1 unknown',
      '6 compliant',
    ]);
    // Compliant findings are left out until someone chooses them.
    expect(chosenVerdicts()).toEqual([
      '5 violations',
      '1 at risk',
      '1 unknown',
    ]);
    expect(
      screen.getByText(
        'Showing 7 of 13 findings, worst first; 6 compliant not shown',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('1–7 of 7')).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Previous table page' }),
    ).toBeDisabled();
    expect(
      screen.getByRole('button', { name: 'Next table page' }),
    ).toBeDisabled();
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map(h => h.textContent),
    ).toEqual(['Verdict', 'Entity', 'Check', 'Resource', 'Required', 'Actual']);
    expect(
      screen.getByText(/^Last scan finished/).closest('span'),
    ).toHaveTextContent(
      'Last scan finished 6 minutes ago: 6 subscriptions, 143 Azure calls, took 14 seconds',
    );

    expect(described(table)).toEqual([
      'violation hrdomain Total retentionAudit trails in Log Analytics',
      'violation hrdomain Total retentionSign-in logs (personal data)',
      'violation employee-directorydata product of hr Total retentionEmployee directory contract',
      'violation salesdomain Total retentionBronze layer (raw data)',
      'violation marketingdomain ReplicationRecovery',
      'at-risk hrdomain ImmutabilityAudit containers',
      'unknown hrdomain Total retentionAudit containers',
    ]);
    const [first, , product] = rowsOf(table);
    expect(first).toHaveTextContent(
      '≥ 2,555 days (7 years)30 days (workspace default)',
    );
    // The long text is on the line under the row, across the table.
    const detail = detailOf(first);
    expect(detail.closest('td')).toHaveAttribute('colspan', '6');
    expect(fact(detail, 'Why')).toBe(
      'AuditLogs in log-dp-hr keeps data for the workspace default of 30 days; at least 2,555 days are required.',
    );
    expect(fact(detail, 'What to do')).toBe(
      'Set totalRetentionInDays of table AuditLogs in workspace log-dp-hr to 2555 (Tables › AuditLogs › Manage table in the Azure portal).',
    );
    expect(fact(detail, 'Requirement from')).toBe(
      'override for hr: Works council agreement 2024-17 limits sign-in logs to 7 years.',
    );
    expect(fact(detail, 'Last known')).toBeNull();
    expect(
      within(detailOf(rowsOf(table)[1])).getByRole('note', { name: 'Warning' }),
    ).toHaveTextContent('Warning: Shortening retention deletes data');
    expect(fact(detailOf(rowsOf(table)[6]), 'Last known')).toBe(
      'compliant, never deleted by a lifecycle rule (2 days ago)',
    );
    expect(within(first).getByRole('link', { name: 'hr' })).toHaveAttribute(
      'href',
      '/catalog/default/domain/hr/retention',
    );
    expect(
      within(product).getByRole('link', { name: 'employee-directory' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/dataproduct/employee-directory/retention',
    );
    expect(
      within(rowsOf(table)[4]).getByRole('link', {
        name: /Open stmarketingdata in the Azure portal/,
      }),
    ).toHaveAttribute(
      'href',
      expect.stringContaining('/storageAccounts/stmarketingdata'),
    );
  });

  it('filters by verdict, domain and area, and resets the filters', async () => {
    const { api } = fakeApi(estateResponse());
    renderPage(api);

    await screen.findByRole('table', { name: 'Findings' });
    fireEvent.click(screen.getByRole('button', { name: /1 at risk/ }));
    fireEvent.click(screen.getByRole('button', { name: /1 unknown/ }));
    expect(chosenVerdicts()).toEqual(['5 violations']);
    expect(
      rowsOf(screen.getByRole('table', { name: 'Findings' })),
    ).toHaveLength(5);
    expect(
      screen.getByText(
        'Showing 5 of 13 findings, worst first; 6 compliant not shown',
      ),
    ).toBeInTheDocument();
    // The last chosen verdict stays chosen: none would show nothing.
    fireEvent.click(screen.getByRole('button', { name: /5 violations/ }));
    expect(chosenVerdicts()).toEqual(['5 violations']);

    const domain = screen.getByLabelText('Domain');
    expect(
      within(domain)
        .getAllByRole('option')
        .map(o => o.textContent),
    ).toEqual(['All domains', 'hr', 'marketing', 'sales']);
    fireEvent.change(domain, { target: { value: 'hr' } });
    // Counts follow the domain; the verdict filter stays.
    expect(verdictButtons()).toEqual([
      '3 violations',
      '1 at risk',
      '1 unknown',
      '6 compliant',
    ]);
    expect(
      rowsOf(screen.getByRole('table', { name: 'Findings' })),
    ).toHaveLength(3);

    fireEvent.click(screen.getByRole('radio', { name: 'Recovery' }));
    expect(verdictButtons()).toEqual([
      '0 violations',
      '0 at risk',
      '0 unknown',
      '5 compliant',
    ]);
    expect(
      screen.getByText('Nothing to act on: every finding here is compliant'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Choose 5 compliant to see them.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'The CSV has the chosen verdicts and domain in both areas.',
      ),
    ).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: /5 compliant/ }));
    const recovery = rowsOf(screen.getByRole('table', { name: 'Findings' }));
    expect(recovery.map(row => row.getAttribute('data-verdict'))).toEqual([
      'compliant',
      'compliant',
      'compliant',
      'compliant',
      'compliant',
    ]);
    // A compliant finding says why, in small print, and nothing more.
    const detail = detailOf(recovery[0]);
    expect(detail).toHaveTextContent(
      'Backup and restore needs a copy in another region; sthraudit has one.',
    );
    expect(within(detail).queryByText('What to do')).toBeNull();
    expect(within(detail).queryByText('Requirement from')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Reset filters' }));
    expect(
      rowsOf(screen.getByRole('table', { name: 'Findings' })),
    ).toHaveLength(7);
    expect(chosenVerdicts()).toEqual([
      '5 violations',
      '1 at risk',
      '1 unknown',
    ]);
    expect((screen.getByLabelText('Domain') as HTMLSelectElement).value).toBe(
      '',
    );
    expect(screen.getByRole('radio', { name: 'All areas' })).toBeChecked();
    expect(screen.queryByRole('button', { name: 'Reset filters' })).toBeNull();
  });

  it('shows 25 findings a page, worst first across the pages', async () => {
    const { api } = fakeApi(largeEstate(40, 10));
    renderPage(api);

    let table = await screen.findByRole('table', { name: 'Findings' });
    expect(screen.getByText('1–25 of 42')).toBeInTheDocument();
    const firstPage = resourcesOf(table);
    expect(firstPage).toHaveLength(25);
    expect(firstPage[0]).toBe('stsalesdata / bronze-01');
    expect(firstPage[24]).toBe('stsalesdata / bronze-25');
    const previous = screen.getByRole('button', {
      name: 'Previous table page',
    });
    const next = screen.getByRole('button', { name: 'Next table page' });
    expect(previous).toBeDisabled();
    expect(next).toBeEnabled();

    fireEvent.click(next);
    table = screen.getByRole('table', { name: 'Findings' });
    expect(screen.getByText('26–42 of 42')).toBeInTheDocument();
    const secondPage = resourcesOf(table);
    expect(secondPage).toHaveLength(17);
    expect(secondPage[0]).toBe('stsalesdata / bronze-26');
    expect(secondPage.slice(-2)).toEqual([
      'sthraudit / audit-a',
      'sthraudit / audit-b',
    ]);
    expect(
      screen.getByRole('button', { name: 'Next table page' }),
    ).toBeDisabled();

    fireEvent.click(
      screen.getByRole('button', { name: 'Previous table page' }),
    );
    expect(screen.getByText('1–25 of 42')).toBeInTheDocument();

    // Other rows start again at the first page.
    fireEvent.click(screen.getByRole('button', { name: 'Next table page' }));
    fireEvent.click(screen.getByRole('button', { name: /10 compliant/ }));
    expect(screen.getByText('1–25 of 52')).toBeInTheDocument();
    expect(
      resourcesOf(screen.getByRole('table', { name: 'Findings' }))[0],
    ).toBe('stsalesdata / bronze-01');
  });

  it('opens the page and verdicts of a shared address, within the pages there are', async () => {
    const { api } = fakeApi(largeEstate(40, 10));
    renderPage(api, '/retention?verdict=violation,compliant&page=9');

    const table = await screen.findByRole('table', { name: 'Findings' });
    expect(chosenVerdicts()).toEqual(['40 violations', '10 compliant']);
    // 50 findings are two pages: page 9 is the last one.
    expect(screen.getByText('26–50 of 50')).toBeInTheDocument();
    expect(resourcesOf(table).slice(-1)).toEqual(['stsalesdata / silver-10']);
  });

  it('downloads the chosen findings as a CSV file', async () => {
    URL.createObjectURL = jest.fn(() => 'blob:http://localhost/csv-1');
    URL.revokeObjectURL = jest.fn();
    const clicked: HTMLAnchorElement[] = [];
    jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function click(this: HTMLAnchorElement) {
        clicked.push(this);
      });
    const { api, downloadFindingsCsv } = fakeApi(estateResponse());
    renderPage(api);

    await screen.findByRole('table', { name: 'Findings' });
    fireEvent.click(screen.getByRole('button', { name: /1 at risk/ }));
    fireEvent.click(screen.getByRole('button', { name: /1 unknown/ }));
    fireEvent.change(screen.getByLabelText('Domain'), {
      target: { value: 'sales' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Download CSV' }));

    expect(
      await screen.findByText('Saved retention-findings-2026-03-12.csv'),
    ).toBeInTheDocument();
    expect(downloadFindingsCsv).toHaveBeenCalledTimes(1);
    expect(downloadFindingsCsv).toHaveBeenCalledWith({
      verdict: ['violation'],
      domain: 'sales',
    });
    // The very file the API returned is what the link saves.
    const file = await downloadFindingsCsv.mock.results[0].value;
    expect(URL.createObjectURL).toHaveBeenCalledWith(file);
    expect(clicked).toHaveLength(1);
    expect(clicked[0].download).toBe('retention-findings-2026-03-12.csv');
    expect(clicked[0].getAttribute('href')).toBe('blob:http://localhost/csv-1');
  });

  it('downloads what needs attention by default, and everything when every verdict is chosen', async () => {
    URL.createObjectURL = jest.fn(() => 'blob:http://localhost/csv-2');
    URL.revokeObjectURL = jest.fn();
    jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(() => {});
    const { api, downloadFindingsCsv } = fakeApi(estateResponse());
    renderPage(api);

    await screen.findByRole('table', { name: 'Findings' });
    fireEvent.click(screen.getByRole('button', { name: 'Download CSV' }));
    await waitFor(() => expect(downloadFindingsCsv).toHaveBeenCalledTimes(1));
    expect(downloadFindingsCsv).toHaveBeenLastCalledWith({
      verdict: ['violation', 'at-risk', 'unknown'],
      domain: undefined,
    });
    // Wait for the first download to finish before the second.
    await screen.findByText('Saved retention-findings-2026-03-12.csv');

    fireEvent.click(screen.getByRole('button', { name: /6 compliant/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Download CSV' }));
    await waitFor(() => expect(downloadFindingsCsv).toHaveBeenCalledTimes(2));
    expect(downloadFindingsCsv).toHaveBeenLastCalledWith({
      verdict: undefined,
      domain: undefined,
    });
  });

  it('says who may download when the export is refused', async () => {
    const { api, downloadFindingsCsv } = fakeApi(estateResponse());
    downloadFindingsCsv.mockRejectedValueOnce(
      await responseError(403, 'not allowed to report on retention'),
    );
    renderPage(api);

    await screen.findByRole('table', { name: 'Findings' });
    fireEvent.click(screen.getByRole('button', { name: 'Download CSV' }));

    const status = screen.getByRole('status');
    await waitFor(() =>
      expect(status).toHaveTextContent(
        'Only the platform team can download the findings',
      ),
    );
    expect(status).toHaveTextContent('dataplatform.retention.report');
  });

  it('starts a scan and says so, or why it could not', async () => {
    const { api, triggerScan } = fakeApi(estateResponse());
    triggerScan
      .mockResolvedValueOnce({ triggered: true })
      .mockRejectedValueOnce(await responseError(403, 'not allowed'))
      .mockRejectedValueOnce(
        await responseError(503, 'the scheduler is shutting down'),
      );
    renderPage(api);

    await screen.findByRole('table', { name: 'Findings' });
    const status = screen.getByRole('status');
    const scan = screen.getByRole('button', { name: 'Scan now' });

    fireEvent.click(scan);
    await waitFor(() => expect(status).toHaveTextContent('Scan started'));
    expect(status).toHaveTextContent('update when the scan has finished');

    fireEvent.click(scan);
    await waitFor(() =>
      expect(status).toHaveTextContent(
        'Only the platform team can start a scan',
      ),
    );

    fireEvent.click(scan);
    await waitFor(() =>
      expect(status).toHaveTextContent(
        'Could not start a scanthe scheduler is shutting down',
      ),
    );
    expect(triggerScan).toHaveBeenCalledTimes(3);
  });

  it('tells someone outside the platform team that only the platform team sees the estate', async () => {
    const { api } = fakeApi(
      await responseError(403, 'not allowed to report on retention'),
    );
    renderPage(api);

    expect(
      await screen.findByText(
        'Only the platform team can see retention across the estate',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/dataplatform.retention.report permission/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Download CSV' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Scan now' })).toBeNull();
    expect(screen.queryByText(/Could not load/)).toBeNull();
  });

  it('shows why it could not load, and loads again on retry', async () => {
    const { api, getFindings } = fakeApi(
      new Error('connect ECONNREFUSED 127.0.0.1:7007'),
      estateResponse(),
    );
    renderPage(api);

    expect(
      await screen.findByText(/Could not load the retention findings/),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText(/connect ECONNREFUSED 127.0.0.1:7007/).length,
    ).toBeGreaterThan(0);
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(
      await screen.findByRole('table', { name: 'Findings' }),
    ).toBeInTheDocument();
    expect(getFindings).toHaveBeenCalledTimes(2);
  });

  it('shows a progress bar while it loads', async () => {
    let release: (value: EstateFindingsResponse) => void = () => {};
    const api = fakeApi(estateResponse()).api;
    api.getFindings = jest.fn(
      () =>
        new Promise<EstateFindingsResponse>(resolve => {
          release = resolve;
        }),
    );
    renderPage(api);

    expect(
      await screen.findByRole('progressbar', { name: 'Loading' }),
    ).toBeInTheDocument();
    release(estateResponse());
    expect(
      await screen.findByRole('table', { name: 'Findings' }),
    ).toBeInTheDocument();
  });

  it('explains an empty estate and offers a scan', async () => {
    const { api } = fakeApi({
      findings: [],
      counts: { violation: 0, 'at-risk': 0, unknown: 0, compliant: 0 },
    });
    renderPage(api);

    expect(
      await screen.findByText('No retention findings yet'),
    ).toBeInTheDocument();
    expect(screen.getByText('No scan has finished yet')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Scan now' })).toBeEnabled();
    expect(screen.getByRole('button', { name: 'Download CSV' })).toBeDisabled();
  });
});
