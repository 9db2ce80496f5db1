import { evaluate, examplePolicy, findingOf } from '../__fixtures__/evaluate';
import {
  scan,
  SUB,
  table,
  TENANT,
  workspace,
  workspaceId,
} from '../__fixtures__/scans';

const WS = 'log-dp-finance';
const tablesOf = (result: ReturnType<typeof evaluate>) =>
  result.findings.filter(f => f.category === 'audit-logs');

const allAuditTables = (auditLogs: ReturnType<typeof table>) => [
  auditLogs,
  table('AzureActivity', { interactive: 90, total: 3650 }),
  table('LAQueryLogs', { interactive: 90, total: 3650 }),
  table('StorageBlobLogs', { interactive: 90, total: 3650 }),
];

describe('Log Analytics table checks', () => {
  it('finds a table at the 30-day workspace default short of 10 years', () => {
    const result = evaluate([
      scan({
        workspaces: [
          workspace(WS, allAuditTables(table('AuditLogs', { default: 30 }))),
        ],
      }),
    ]);
    expect(findingOf(result, 'total-retention', `${WS} / AuditLogs`)).toEqual({
      id: `domain:default/finance|total-retention|audit-logs|${workspaceId(
        WS,
      )}/tables/AuditLogs`,
      entityRef: 'domain:default/finance',
      area: 'retention',
      check: 'total-retention',
      category: 'audit-logs',
      categoryTitle: 'Audit trails in Log Analytics',
      resourceId: `${workspaceId(WS)}/tables/AuditLogs`,
      resourceName: `${WS} / AuditLogs`,
      verdict: 'violation',
      required: '≥ 3,650 days (10 years)',
      actual: '30 days (workspace default)',
      requiredDays: 3650,
      actualDays: 30,
      reason:
        'Table AuditLogs in workspace log-dp-finance keeps data in total for 30 days, the workspace default, less than the required 3,650 days (10 years).',
      remediation:
        'Set totalRetentionInDays of table AuditLogs in workspace log-dp-finance to 3650 (Tables › AuditLogs › Manage table in the Azure portal).',
      source: 'platform policy',
      portalUrl: `https://portal.azure.com/#@${TENANT}/resource${workspaceId(
        WS,
      )}`,
    });
    const interactive = findingOf(
      result,
      'interactive-retention',
      `${WS} / AuditLogs`,
    );
    expect(interactive).toMatchObject({
      verdict: 'compliant',
      required: '≥ 30 days',
      actual: '30 days (workspace default)',
      reason:
        'Table AuditLogs in workspace log-dp-finance keeps data interactively for 30 days, the workspace default, which meets the requirement (≥ 30 days).',
    });
    expect(interactive.remediation).toBeUndefined();
  });

  it('finds a table with its own retention compliant', () => {
    const result = evaluate([
      scan({
        workspaces: [
          workspace(
            WS,
            allAuditTables(
              table('AuditLogs', { interactive: 90, total: 3650 }),
            ),
          ),
        ],
      }),
    ]);
    const findings = tablesOf(result);
    expect(findings).toHaveLength(8);
    expect(findings.every(f => f.verdict === 'compliant')).toBe(true);
    expect(
      findingOf(result, 'total-retention', `${WS} / AuditLogs`),
    ).toMatchObject({
      actual: '3,650 days (10 years)',
      actualDays: 3650,
      reason:
        'Table AuditLogs in workspace log-dp-finance keeps data in total for 3,650 days (10 years), which meets the requirement (≥ 3,650 days (10 years)).',
    });
    expect(findings.some(f => f.remediation || f.warning)).toBe(false);
  });

  it('finds a table kept longer than a maximum allows, and warns that shortening deletes', () => {
    const policy = examplePolicy(doc => {
      doc.spec.categories.push({
        id: 'operational-logs',
        title: 'Operational diagnostics',
        logAnalyticsTables: ['AzureDiagnostics'],
        require: { totalDays: { max: 730 } },
      });
    });
    const result = evaluate(
      [
        scan({
          workspaces: [
            workspace(WS, [
              table('AzureDiagnostics', { interactive: 30, total: 1095 }),
            ]),
          ],
        }),
      ],
      { policy },
    );
    expect(
      findingOf(result, 'total-retention', `${WS} / AzureDiagnostics`),
    ).toMatchObject({
      verdict: 'violation',
      required: '≤ 730 days (2 years)',
      actual: '1,095 days (3 years)',
      reason:
        'Table AzureDiagnostics in workspace log-dp-finance keeps data in total for 1,095 days (3 years), more than the allowed 730 days (2 years).',
      remediation:
        'Set totalRetentionInDays of table AzureDiagnostics in workspace log-dp-finance to 730 (Tables › AzureDiagnostics › Manage table in the Azure portal).',
      warning:
        'Shortening retention deletes data older than 730 days (2 years) 30 days after the change; export it first if it must be kept.',
    });
  });

  it('raises the total retention with an interactive period beyond it', () => {
    const result = evaluate([
      scan({
        workspaces: [
          workspace(
            WS,
            allAuditTables(table('AuditLogs', { interactive: 7, total: 7 })),
          ),
        ],
      }),
    ]);
    expect(
      findingOf(result, 'interactive-retention', `${WS} / AuditLogs`)
        .remediation,
    ).toBe(
      'Set retentionInDays of table AuditLogs in workspace log-dp-finance to 30 and totalRetentionInDays to at least 30 (Tables › AuditLogs › Manage table in the Azure portal).',
    );
  });

  it('matches table names case-insensitively and reports the name Azure uses', () => {
    const result = evaluate([
      scan({
        workspaces: [
          workspace(
            WS,
            allAuditTables(
              table('auditlogs', { interactive: 90, total: 3650 }),
            ),
          ),
        ],
      }),
    ]);
    expect(
      findingOf(result, 'total-retention', `${WS} / auditlogs`).verdict,
    ).toBe('compliant');
  });

  it('makes a required table missing from the list unknown', () => {
    const result = evaluate([
      scan({
        workspaces: [
          workspace(WS, [
            table('AuditLogs', { interactive: 90, total: 3650 }),
            table('AzureActivity', { interactive: 90, total: 3650 }),
            table('StorageBlobLogs', { interactive: 90, total: 3650 }),
          ]),
        ],
      }),
    ]);
    for (const check of ['interactive-retention', 'total-retention'] as const) {
      expect(findingOf(result, check, `${WS} / LAQueryLogs`)).toMatchObject({
        verdict: 'unknown',
        actual: 'table not listed',
        resourceId: `${workspaceId(WS)}/tables/LAQueryLogs`,
        reason:
          'LAQueryLogs is not in the table list of log-dp-finance, so its retention cannot be read.',
      });
    }
  });

  it('makes the tables of a workspace that could not be read unknown, with the reason', () => {
    const result = evaluate([
      scan({
        workspaces: [
          workspace(WS, undefined, {
            problem: { reason: 'throttled by Azure (HTTP 429)' },
          }),
        ],
      }),
    ]);
    const findings = tablesOf(result);
    expect(findings).toHaveLength(8);
    expect(new Set(findings.map(f => f.verdict))).toEqual(new Set(['unknown']));
    expect(
      findingOf(result, 'total-retention', `${WS} / AuditLogs`).reason,
    ).toBe(
      'The tables of workspace log-dp-finance could not be read: throttled by Azure (HTTP 429).',
    );
    expect(result.timelines.filter(t => t.category === 'audit-logs')).toEqual(
      [],
    );
  });

  it('gives one unknown finding per check when the workspaces could not be listed', () => {
    const result = evaluate([
      scan({
        workspaces: undefined,
        workspacesProblem: { reason: 'access denied (HTTP 403)' },
      }),
    ]);
    const findings = tablesOf(result);
    expect(findings.map(f => [f.check, f.verdict, f.resourceId])).toEqual([
      ['interactive-retention', 'unknown', undefined],
      ['total-retention', 'unknown', undefined],
    ]);
    expect(findings[0].id).toBe(
      'domain:default/finance|interactive-retention|audit-logs|',
    );
    expect(findings[0].reason).toBe(
      `The Log Analytics workspaces of subscription ${SUB} could not be listed: access denied (HTTP 403).`,
    );
  });

  it('gives a domain without workspaces no Log Analytics findings', () => {
    expect(tablesOf(evaluate([scan()]))).toEqual([]);
    expect(tablesOf(evaluate([]))).toEqual([]);
  });

  it("applies the domain's override and names its reason as the source", () => {
    const result = evaluate(
      [
        scan({
          workspaces: [
            workspace(
              'log-dp-hr',
              allAuditTables(
                table('AuditLogs', { interactive: 30, total: 2555 }),
              ),
            ),
          ],
        }),
      ],
      { domain: 'hr' },
    );
    expect(
      findingOf(result, 'total-retention', 'log-dp-hr / AuditLogs'),
    ).toMatchObject({
      verdict: 'compliant',
      required: '≥ 2,555 days (7 years)',
      source:
        'override for hr: Works council agreement 2024-17 limits sign-in logs to 7 years.',
    });
    expect(
      findingOf(result, 'interactive-retention', 'log-dp-hr / AuditLogs')
        .source,
    ).toBe('platform policy');
    // Another domain is held to the platform's 10 years.
    const finance = evaluate([
      scan({
        workspaces: [
          workspace(
            WS,
            allAuditTables(
              table('AuditLogs', { interactive: 30, total: 2555 }),
            ),
          ),
        ],
      }),
    ]);
    expect(
      findingOf(finance, 'total-retention', `${WS} / AuditLogs`).verdict,
    ).toBe('violation');
  });

  it('draws a timeline per table with the required total as a marker', () => {
    const result = evaluate([
      scan({
        workspaces: [
          workspace(WS, [
            table('AuditLogs', { default: 30 }),
            table('AzureActivity', { interactive: 90, total: 3650 }),
          ]),
        ],
      }),
    ]);
    const timelines = result.timelines.filter(t => t.category === 'audit-logs');
    expect(timelines).toEqual([
      {
        category: 'audit-logs',
        categoryTitle: 'Audit trails in Log Analytics',
        resourceName: `${WS} / AuditLogs`,
        resourceId: `${workspaceId(WS)}/tables/AuditLogs`,
        segments: [
          { phase: 'interactive', fromDay: 0, toDay: 30 },
          { phase: 'deleted', fromDay: 30 },
        ],
        requiredTotalDays: 3650,
        verdict: 'violation',
      },
      {
        category: 'audit-logs',
        categoryTitle: 'Audit trails in Log Analytics',
        resourceName: `${WS} / AzureActivity`,
        resourceId: `${workspaceId(WS)}/tables/AzureActivity`,
        segments: [
          { phase: 'interactive', fromDay: 0, toDay: 90 },
          { phase: 'long-term', fromDay: 90, toDay: 3650 },
          { phase: 'deleted', fromDay: 3650 },
        ],
        requiredTotalDays: 3650,
        verdict: 'compliant',
      },
    ]);
  });
});

describe('last known state of unknown findings', () => {
  const readable = () =>
    evaluate([
      scan({
        workspaces: [
          workspace(WS, allAuditTables(table('AuditLogs', { default: 30 }))),
        ],
      }),
    ]);
  const unreadable = (previous: { at: string; findings: any[] }) =>
    evaluate(
      [
        scan({
          workspaces: [
            workspace(WS, undefined, {
              problem: { reason: 'throttled by Azure (HTTP 429)' },
            }),
          ],
        }),
      ],
      { previous },
    );

  it('takes the previous verdict and actual of the same finding', () => {
    const first = readable();
    const second = unreadable({
      at: '2026-11-24T04:00:00.000Z',
      findings: first.findings,
    });
    expect(
      findingOf(second, 'total-retention', `${WS} / AuditLogs`).lastKnown,
    ).toEqual({
      verdict: 'violation',
      actual: '30 days (workspace default)',
      at: '2026-11-24T04:00:00.000Z',
    });
  });

  it('carries the last known state forward while the finding stays unknown', () => {
    const first = readable();
    const second = unreadable({
      at: '2026-11-24T04:00:00.000Z',
      findings: first.findings,
    });
    const third = unreadable({
      at: '2026-11-24T04:15:00.000Z',
      findings: second.findings,
    });
    expect(
      findingOf(third, 'interactive-retention', `${WS} / AuditLogs`).lastKnown,
    ).toEqual({
      verdict: 'compliant',
      actual: '30 days (workspace default)',
      at: '2026-11-24T04:00:00.000Z',
    });
  });

  it('leaves findings that are not unknown, and unknown ones never seen, without it', () => {
    const first = readable();
    const again = evaluate(
      [
        scan({
          workspaces: [
            workspace(WS, allAuditTables(table('AuditLogs', { default: 30 }))),
          ],
        }),
      ],
      {
        previous: { at: '2026-11-24T04:00:00.000Z', findings: first.findings },
      },
    );
    expect(again.findings.some(f => f.lastKnown)).toBe(false);
    const fresh = unreadable({ at: '2026-11-24T04:00:00.000Z', findings: [] });
    expect(fresh.findings.some(f => f.lastKnown)).toBe(false);
  });
});
