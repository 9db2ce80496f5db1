import {
  type Entity,
  getCompoundEntityRef,
  parseEntityRef,
} from '@backstage/catalog-model';
import type { LocationSpec } from '@backstage/plugin-catalog-common';
import {
  type CatalogProcessor,
  type CatalogProcessorEmit,
  processingResult,
} from '@backstage/plugin-catalog-node';
import {
  DATA_PRODUCT_RELATIONS,
  type DataProductEntityV1alpha1,
  isDataProductEntity,
  validateDataProductEntity,
} from '@dataplatform/plugin-data-products-common';

/** The refs a rule's field holds: `spec.a` or `spec.list[].b`. */
function refsAt(entity: Entity, field: string): unknown[] {
  const [listPath, itemField] = field.split('[].');
  const value = listPath
    .split('.')
    .reduce<any>((node, key) => node?.[key], entity);
  if (itemField === undefined) return value === undefined ? [] : [value];
  return Array.isArray(value) ? value.map(item => item?.[itemField]) : [];
}

/**
 * Makes DataProduct a kind the catalog accepts, and turns its domain, owner
 * and ports into relations, each emitted with its reverse so the graph shows
 * producer → contract → consumer lineage from any side.
 */
export class DataProductProcessor implements CatalogProcessor {
  getProcessorName(): string {
    return 'DataProductProcessor';
  }

  async validateEntityKind(entity: Entity): Promise<boolean> {
    // Throws a TypeError naming the field when a data product is malformed;
    // the catalog shows it on the entity and in the processing errors.
    return validateDataProductEntity(entity) !== false;
  }

  async postProcessEntity(
    entity: Entity,
    location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    if (!isDataProductEntity(entity)) return entity;
    const product = entity as DataProductEntityV1alpha1;
    const self = getCompoundEntityRef(product);
    for (const rule of DATA_PRODUCT_RELATIONS) {
      for (const ref of refsAt(product, rule.field)) {
        if (typeof ref !== 'string' || ref.length === 0) continue;
        let target;
        try {
          target = parseEntityRef(ref, {
            defaultKind: rule.defaultKind,
            defaultNamespace: self.namespace,
          });
        } catch (error) {
          emit(
            processingResult.inputError(
              location,
              `${rule.field} of ${self.kind}:${self.namespace}/${self.name} holds "${ref}", which is not an entity reference ([kind:][namespace/]name): ${(error as Error).message}`,
            ),
          );
          continue;
        }
        emit(
          processingResult.relation({
            source: self,
            type: rule.relation,
            target,
          }),
        );
        emit(
          processingResult.relation({
            source: target,
            type: rule.reverse,
            target: self,
          }),
        );
      }
    }
    return entity;
  }
}
