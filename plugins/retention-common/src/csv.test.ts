import { findingsToCsv, type EstateFinding } from './index';

const HEADER =
  'verdict,domain,entity,area,check,category,resource,resource_id,required,actual,required_days,actual_days,reason,remediation,warning,source,portal_url';

function finding(props: Partial<EstateFinding> = {}): EstateFinding {
  return {
    id: 'domain:default/hr|total-retention|audit-logs|/x/tables/AuditLogs',
    entityRef: 'domain:default/hr',
    domainRef: 'domain:default/hr',
    area: 'retention',
    check: 'total-retention',
    category: 'audit-logs',
    categoryTitle: 'Audit trails in Log Analytics',
    resourceId: '/x/tables/AuditLogs',
    resourceName: 'log-dp-hr / AuditLogs',
    verdict: 'violation',
    required: '≥ 3,650 days (10 years)',
    actual: '30 days (workspace default)',
    requiredDays: 3650,
    actualDays: 30,
    reason: 'Too short.',
    source: 'platform policy',
    ...props,
  };
}

/** Splits RFC 4180 text into rows of fields, undoing the quoting. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}

describe('findingsToCsv', () => {
  it('writes the header alone, ending with CRLF, for no findings', () => {
    expect(findingsToCsv([])).toBe(`${HEADER}\r\n`);
  });

  it('writes one line per finding in the header’s column order', () => {
    const csv = findingsToCsv([
      finding({
        remediation: 'Set it to 3650.',
        portalUrl: 'https://portal.azure.com/#@t/resource/x',
      }),
    ]);
    expect(csv).toBe(
      `${HEADER}\r\n` +
        'violation,domain:default/hr,domain:default/hr,retention,total-retention,audit-logs,log-dp-hr / AuditLogs,/x/tables/AuditLogs,"≥ 3,650 days (10 years)",30 days (workspace default),3650,30,Too short.,Set it to 3650.,,platform policy,https://portal.azure.com/#@t/resource/x\r\n',
    );
  });

  it('quotes commas, quotes and line breaks so the fields read back unchanged', () => {
    const reason = 'Rule "bronze-cleanup", then\nmore\r\nlines';
    const csv = findingsToCsv([finding({ reason, actual: 'a "quoted" word' })]);
    expect(csv).toContain('"Rule ""bronze-cleanup"", then\nmore\r\nlines"');
    const rows = parseCsv(csv);
    expect(rows).toHaveLength(2);
    expect(rows[0].join(',')).toBe(HEADER);
    expect(rows[1][12]).toBe(reason);
    expect(rows[1][9]).toBe('a "quoted" word');
  });

  it('neutralises fields a spreadsheet would run as a formula', () => {
    const rows = parseCsv(
      findingsToCsv([
        finding({
          resourceName: '=HYPERLINK("http://evil","x")',
          reason: '+1',
          remediation: '-2',
          warning: '@SUM(A1)',
          source: '\tplatform',
          actual: 'safe = not at the start',
        }),
      ]),
    );
    expect(rows[1][6]).toBe(`'=HYPERLINK("http://evil","x")`);
    expect(rows[1][12]).toBe("'+1");
    expect(rows[1][13]).toBe("'-2");
    expect(rows[1][14]).toBe("'@SUM(A1)");
    expect(rows[1][15]).toBe("'\tplatform");
    expect(rows[1][9]).toBe('safe = not at the start');
  });

  it('leaves absent values empty', () => {
    const rows = parseCsv(
      findingsToCsv([
        finding({
          resourceId: undefined,
          resourceName: undefined,
          requiredDays: undefined,
          actualDays: undefined,
        }),
      ]),
    );
    expect([rows[1][6], rows[1][7], rows[1][10], rows[1][11]]).toEqual([
      '',
      '',
      '',
      '',
    ]);
  });
});
