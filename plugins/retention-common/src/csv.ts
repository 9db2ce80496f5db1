import type { EstateFinding } from './types';

const COLUMNS: Array<[string, (f: EstateFinding) => unknown]> = [
  ['verdict', f => f.verdict],
  ['domain', f => f.domainRef],
  ['entity', f => f.entityRef],
  ['area', f => f.area],
  ['check', f => f.check],
  ['category', f => f.category],
  ['resource', f => f.resourceName],
  ['resource_id', f => f.resourceId],
  ['required', f => f.required],
  ['actual', f => f.actual],
  ['required_days', f => f.requiredDays],
  ['actual_days', f => f.actualDays],
  ['reason', f => f.reason],
  ['remediation', f => f.remediation],
  ['warning', f => f.warning],
  ['source', f => f.source],
  ['portal_url', f => f.portalUrl],
];

/*
 * Spreadsheets run a cell that starts with one of these as a formula; texts
 * partly come from Azure and the catalog, so they are neutralised with a
 * leading apostrophe (OWASP's CSV injection advice).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

function field(value: unknown): string {
  if (value === undefined || value === null) return '';
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Findings as CSV (RFC 4180: fields with commas, quotes or line breaks are
 * quoted, quotes doubled, every line ends with CRLF), header first.
 */
export function findingsToCsv(findings: EstateFinding[]): string {
  const lines = [COLUMNS.map(([name]) => name).join(',')];
  for (const finding of findings) {
    lines.push(COLUMNS.map(([, get]) => field(get(finding))).join(','));
  }
  return lines.map(line => `${line}\r\n`).join('');
}
