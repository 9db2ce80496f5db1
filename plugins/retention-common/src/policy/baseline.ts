import {
  DEFAULT_MINIMUM_RTO,
  DEFAULT_RECOVERY,
  RETENTION_POLICY_API_VERSION,
} from '../constants';
import type { RetentionPolicy } from '../types';

/**
 * The policy in force when the backend is given no policy file: audit trails
 * kept 10 years, raw data archived and kept 10 years, audit containers
 * immutable, and the platform's recovery defaults.
 */
export const BASELINE_RETENTION_POLICY: RetentionPolicy = {
  apiVersion: RETENTION_POLICY_API_VERSION,
  kind: 'RetentionPolicy',
  metadata: { description: 'Contoso data platform retention baseline' },
  spec: {
    atRiskHorizonDays: 90,
    categories: [
      {
        id: 'audit-logs',
        title: 'Audit trails in Log Analytics',
        description:
          'Interactive for at least 30 days for investigations, then long-term retention up to 10 years.',
        logAnalyticsTables: [
          'AuditLogs',
          'AzureActivity',
          'LAQueryLogs',
          'StorageBlobLogs',
        ],
        require: { interactiveDays: { min: 30 }, totalDays: { min: 3650 } },
      },
      {
        id: 'bronze-layer',
        title: 'Bronze layer (raw data)',
        description:
          'Raw data as landed: moved to the archive tier within 180 days and never deleted before 10 years.',
        blobContainers: ['bronze'],
        require: { archiveAfterDays: { max: 180 }, totalDays: { min: 3650 } },
      },
      {
        id: 'audit-containers',
        title: 'Audit containers',
        description:
          'Audit extracts in blob storage, under a locked time-based immutability policy of 10 years.',
        blobContainers: ['audit'],
        require: { immutability: { minDays: 3650 }, totalDays: { min: 3650 } },
      },
    ],
    recovery: {
      defaults: { ...DEFAULT_RECOVERY },
      minimumRto: { ...DEFAULT_MINIMUM_RTO },
    },
    overrides: [],
  },
};
