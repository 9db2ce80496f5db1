/*
 * What every benchmark needs the same way: its settings from the
 * environment, Azure clients for the in-process local endpoint, CPU pinning
 * and percentiles.
 */
import { execFileSync } from 'node:child_process';
import {
  DEMO_PLATFORM_MANAGEMENT_GROUPS,
  DEMO_TENANT_ID,
  type LocalAzureEndpoint,
} from '../packages/azure-local-endpoint/src';
import { DefaultAzureClients } from '../plugins/azure-node/src';

/** A whole-number setting from the environment, or its default; a bad value names the variable. */
export function wholeNumber(
  name: string,
  fallback: number,
  min: number,
): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > 100_000) {
    throw new Error(
      `${name} is "${raw}"; allowed: a whole number from ${min} to 100000`,
    );
  }
  return value;
}

/** The access layer's clients, pointed at an in-process local Azure endpoint. */
export function clientsFor(endpoint: LocalAzureEndpoint) {
  return new DefaultAzureClients({
    tenantId: DEMO_TENANT_ID,
    resourceManagerEndpoint: endpoint.url,
    authentication: { method: 'static-token', token: endpoint.token },
    caCertificatePem: endpoint.caCertificatePem,
    managementGroups: DEMO_PLATFORM_MANAGEMENT_GROUPS,
  });
}

/** Whether `taskset` can pin processes to cores here. */
export function hasTaskset(): boolean {
  try {
    execFileSync('taskset', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The p-th percentile (0..1) by the nearest-rank method. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];
}
