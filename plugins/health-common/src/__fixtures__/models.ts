import { readFileSync } from 'fs';
import { join } from 'path';
import { load } from 'js-yaml';

/** The README's example model as YAML text. */
export const financeModelText = readFileSync(
  join(__dirname, 'finance.health.yaml'),
  'utf8',
);

/** A fresh, mutable copy of the parsed example document. */
export function financeDocument(): any {
  return load(financeModelText);
}

export const SUB = '5f4c2b1a-0000-4000-8000-000000000001';
export const OTHER_SUB = '5f4c2b1a-0000-4000-8000-000000000002';
export const WORKSPACE = `/subscriptions/${SUB}/resourceGroups/rg-finance/providers/Microsoft.OperationalInsights/workspaces/law-finance`;
export const storageAccount = (name: string, sub = SUB) =>
  `/subscriptions/${sub}/resourceGroups/rg-finance/providers/Microsoft.Storage/storageAccounts/${name}`;
