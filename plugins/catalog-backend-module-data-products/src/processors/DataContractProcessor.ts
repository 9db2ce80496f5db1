import type { Entity } from '@backstage/catalog-model';
import type { CatalogProcessor } from '@backstage/plugin-catalog-node';
import { validateContractText } from '@dataplatform/plugin-data-contracts-common';
import {
  CONTRACT_ERROR_COUNT_ANNOTATION,
  CONTRACT_ODCS_VERSION_ANNOTATION,
  CONTRACT_VALIDATION_ANNOTATION,
  isDataContractEntity,
} from '@dataplatform/plugin-data-products-common';

/**
 * Contracts above this size are refused rather than parsed: parsing YAML
 * runs at about 1 MB/s and blocks the processing loop meanwhile, and real
 * contracts stay under 100 KiB.
 */
const MAX_DEFINITION_BYTES = 512 * 1024;

/**
 * Validates the ODCS definition of every `odcs` API entity and records the
 * verdict in annotations.
 *
 * An invalid contract is kept in the catalog on purpose: failing processing
 * would hide a new contract entirely and leave an old one stale, so people
 * could not see it or its errors. Lists read the annotations; the entity
 * page shows the errors themselves.
 */
export class DataContractProcessor implements CatalogProcessor {
  getProcessorName(): string {
    return 'DataContractProcessor';
  }

  async postProcessEntity(entity: Entity): Promise<Entity> {
    if (!isDataContractEntity(entity)) return entity;
    const definition = entity.spec?.definition;
    const result =
      typeof definition === 'string'
        ? validateContractText(definition, { maxBytes: MAX_DEFINITION_BYTES })
        : {
            valid: false,
            apiVersion: undefined,
            errors: [{ path: '/', message: 'spec.definition is not text' }],
          };
    const annotations: Record<string, string> = {
      ...entity.metadata.annotations,
      [CONTRACT_VALIDATION_ANNOTATION]: result.valid ? 'valid' : 'invalid',
      [CONTRACT_ERROR_COUNT_ANNOTATION]: String(result.errors.length),
    };
    if (result.apiVersion) {
      annotations[CONTRACT_ODCS_VERSION_ANNOTATION] = result.apiVersion;
    } else {
      delete annotations[CONTRACT_ODCS_VERSION_ANNOTATION];
    }
    return { ...entity, metadata: { ...entity.metadata, annotations } };
  }
}
