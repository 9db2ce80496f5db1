import { ReactNode } from 'react';
import { Text } from '@backstage/ui';
import {
  EntityInfoCard,
  EntityRefLink,
  useEntity,
} from '@backstage/plugin-catalog-react';
import Box from '@mui/material/Box';
import {
  DATA_RESIDENCIES,
  formatDuration,
  RETENTION_CLASSES,
} from '@dataplatform/plugin-data-products-common';
import { ClassificationChip, LayerChip } from '../chips';
import { fullRef } from '../../lib/refs';
import { capitalize, isRecord, text } from '../../lib/values';

function lookup<T extends Record<string, string>>(
  table: T,
  key: string | undefined,
): string | undefined {
  return key && Object.prototype.hasOwnProperty.call(table, key)
    ? table[key as keyof T]
    : undefined;
}

function duration(value: unknown): string | undefined {
  const iso = text(value);
  return iso ? formatDuration(iso) : undefined;
}

function sharingText(externalSharing: unknown): string | undefined {
  if (externalSharing === true) {
    return 'Yes, may be shared with partners';
  }
  if (externalSharing === false) {
    return 'No, internal use only';
  }
  return undefined;
}

function Row(props: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{props.label}</dt>
      <dd>{props.children ?? '—'}</dd>
    </>
  );
}

/** What a data product promises: where it sits, who owns it, its service levels and data handling. */
export function DataProductAboutCard() {
  const { entity } = useEntity();
  const spec = isRecord(entity.spec) ? entity.spec : {};
  const namespace = entity.metadata.namespace;
  const sla = isRecord(spec.sla) ? spec.sla : {};
  const domain = fullRef(spec.domain, 'domain', namespace);
  const owner = fullRef(spec.owner, 'group', namespace);
  const retention = text(spec.retentionClass);
  const residency = text(spec.residency);
  const availability = text(sla.availability);
  const freshness = duration(sla.freshness);
  const rpo = duration(sla.rpo);
  const rto = duration(sla.rto);
  const lifecycle = text(spec.lifecycle);
  const retentionText = lookup(RETENTION_CLASSES, retention);
  const residencyName = lookup(DATA_RESIDENCIES, residency) ?? residency;

  return (
    <EntityInfoCard title="Data product">
      <Box
        component="dl"
        aria-label="Data product"
        sx={{
          display: 'grid',
          gridTemplateColumns: 'max-content 1fr',
          columnGap: 2,
          rowGap: 1,
          m: 0,
          '& dt': { fontWeight: 600 },
          '& dd': { m: 0 },
        }}
      >
        <Row label="Domain">
          {domain && <EntityRefLink entityRef={domain} />}
        </Row>
        <Row label="Owner">{owner && <EntityRefLink entityRef={owner} />}</Row>
        <Row label="Layer">
          <LayerChip layer={text(spec.layer)} />
        </Row>
        <Row label="Classification">
          <ClassificationChip classification={text(spec.classification)} />
        </Row>
        <Row label="Lifecycle">{lifecycle && capitalize(lifecycle)}</Row>
        <Row label="Freshness">{freshness && `Fresh within ${freshness}`}</Row>
        <Row label="Availability">{availability && `${availability}%`}</Row>
        <Row label="Recovery point (RPO)">
          {rpo && `At most ${rpo} of data lost`}
        </Row>
        <Row label="Recovery time (RTO)">{rto && `Back within ${rto}`}</Row>
        <Row label="Retention">
          {retention && (
            <>
              {capitalize(retention)}
              {retentionText && (
                <Text as="span" color="secondary">
                  {' '}
                  ({retentionText})
                </Text>
              )}
            </>
          )}
        </Row>
        <Row label="Residency">{residencyName}</Row>
        <Row label="External sharing (B2B)">
          {sharingText(spec.externalSharing)}
        </Row>
      </Box>
    </EntityInfoCard>
  );
}
