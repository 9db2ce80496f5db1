import type {
  ContractsCell,
  CostCell,
  DomainOverviewRow,
  HealthCell,
  RetentionCell,
  SandboxesCell,
  UnavailableCell,
} from '../types';

/*
 * Builders of cells and rows for the tests. Each cell's `attention` is given
 * by the test (defaults match the cell's figures), so a test states the
 * level it relies on.
 */

export function healthCell(overrides: Partial<HealthCell> = {}): HealthCell {
  return {
    attention: 'ok',
    text: 'Healthy',
    href: '/catalog/default/domain/x/health',
    state: 'healthy',
    score: 100,
    topCauses: [],
    ...overrides,
  };
}

export function costCell(overrides: Partial<CostCell> = {}): CostCell {
  return {
    attention: 'ok',
    text: 'On track',
    href: '/catalog/default/domain/x/cost',
    risk: 'on-track',
    currency: 'USD',
    monthToDate: 1000,
    budget: 10000,
    forecastMonthEnd: 5000,
    forecastPercent: 50,
    activeAlerts: 0,
    ...overrides,
  };
}

export function retentionCell(
  overrides: Partial<RetentionCell> = {},
): RetentionCell {
  return {
    attention: 'ok',
    text: 'Compliant',
    href: '/catalog/default/domain/x/retention',
    verdict: 'compliant',
    counts: { compliant: 3 },
    ...overrides,
  };
}

export function contractsCell(
  overrides: Partial<ContractsCell> = {},
): ContractsCell {
  return {
    attention: 'ok',
    text: '2 contracts valid',
    href: '/catalog/default/domain/x',
    dataProducts: 2,
    contracts: 2,
    invalid: 0,
    errorCount: 0,
    missing: 0,
    unchecked: 0,
    ...overrides,
  };
}

export function sandboxesCell(
  overrides: Partial<SandboxesCell> = {},
): SandboxesCell {
  return {
    attention: 'ok',
    text: 'No open sandboxes',
    href: '/catalog/default/domain/x',
    open: 0,
    expiringSoon: 0,
    ...overrides,
  };
}

export function unavailableCell(reason = 'no answer'): UnavailableCell {
  return {
    attention: 'unknown',
    text: 'Unavailable',
    unavailable: reason,
    href: '/catalog/default/domain/x',
  };
}

/** A healthy row named `name`; `attention` is the worst of the given cells unless given. */
export function row(
  name: string,
  overrides: Partial<DomainOverviewRow> = {},
): DomainOverviewRow {
  return {
    entityRef: `domain:default/${name}`,
    name,
    title: name,
    ownerGroup: `group:default/${name}-team`,
    ownerTitle: `${name} team`,
    href: `/catalog/default/domain/${name}`,
    attention: 'ok',
    rank: 0,
    reasons: [],
    health: healthCell(),
    cost: costCell(),
    retention: retentionCell(),
    contracts: contractsCell(),
    sandboxes: sandboxesCell(),
    ...overrides,
  };
}
