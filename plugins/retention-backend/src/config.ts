import fs from 'node:fs/promises';
import path from 'node:path';
import { RootConfigService } from '@backstage/backend-plugin-api';
import {
  BASELINE_RETENTION_POLICY,
  RetentionPolicy,
  formatPolicyErrors,
  parseRetentionPolicy,
} from '@dataplatform/plugin-retention-common';

export interface RetentionConfig {
  /** Absolute path of the policy file; absent: the baseline policy. */
  policyFile?: string;
  /** Seconds between two scans. */
  intervalSeconds: number;
  /** Subscriptions scanned at once. */
  subscriptionConcurrency: number;
}

interface IntegerSetting {
  key: string;
  fallback: number;
  min: number;
  max: number;
  unit: string;
}

export const RETENTION_SETTINGS = {
  intervalSeconds: {
    key: 'dataplatform.retention.intervalSeconds',
    fallback: 900,
    min: 30,
    max: 86400,
    unit: 'seconds',
  },
  subscriptionConcurrency: {
    key: 'dataplatform.retention.subscriptionConcurrency',
    fallback: 8,
    min: 1,
    max: 32,
    unit: 'subscriptions',
  },
} satisfies Record<string, IntegerSetting>;

export const POLICY_FILE_KEY = 'dataplatform.retention.policyFile';

function integer(config: RootConfigService, setting: IntegerSetting): number {
  const { key, fallback, min, max, unit } = setting;
  const allowed = `a whole number of ${unit} from ${min} to ${max}`;
  let value: number | undefined;
  try {
    value = config.getOptionalNumber(key);
  } catch {
    throw new Error(
      `${key} must be ${allowed}, got '${String(config.getOptional(key))}'`,
    );
  }
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${key} must be ${allowed}, got ${value}`);
  }
  return value;
}

function policyFile(config: RootConfigService): string | undefined {
  const raw = config.getOptional(POLICY_FILE_KEY);
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string') {
    throw new Error(
      `${POLICY_FILE_KEY} must be the path of a YAML file, got '${String(
        raw,
      )}'`,
    );
  }
  if (raw.trim() === '') {
    throw new Error(
      `${POLICY_FILE_KEY} must be the path of a YAML file, got an empty string; leave it out for the baseline policy`,
    );
  }
  // Like catalog file locations: relative to where the backend was started.
  return path.resolve(process.cwd(), raw);
}

/** Reads `dataplatform.retention`, refusing bad values by key. */
export function readRetentionConfig(
  config: RootConfigService,
): RetentionConfig {
  const file = policyFile(config);
  return {
    ...(file ? { policyFile: file } : {}),
    intervalSeconds: integer(config, RETENTION_SETTINGS.intervalSeconds),
    subscriptionConcurrency: integer(
      config,
      RETENTION_SETTINGS.subscriptionConcurrency,
    ),
  };
}

/**
 * The policy the checks hold Azure to: the configured file, or the
 * baseline. A file that cannot be read or does not validate throws, with
 * every error's JSON pointer, so the backend does not start on a policy
 * nobody meant.
 */
export async function loadRetentionPolicy(
  settings: Pick<RetentionConfig, 'policyFile'>,
): Promise<RetentionPolicy> {
  const file = settings.policyFile;
  if (!file) return BASELINE_RETENTION_POLICY;
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const known: Record<string, string> = {
      ENOENT: 'the file does not exist',
      EISDIR: 'it is a directory, not a file',
    };
    const why =
      (code && known[code]) ??
      `the file cannot be read (${code ?? (error as Error).message})`;
    throw new Error(
      formatPolicyErrors(file, [
        {
          path: '',
          message: `${why}; set ${POLICY_FILE_KEY} to a readable YAML file`,
        },
      ]),
    );
  }
  const parsed = parseRetentionPolicy(text);
  if (!parsed.ok) throw new Error(formatPolicyErrors(file, parsed.errors));
  return parsed.policy;
}
