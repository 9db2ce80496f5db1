import { entityKindSchemaValidator, type Entity } from '@backstage/catalog-model';
import { ISO_DURATION_PATTERN } from './duration';
import {
  DATA_CLASSIFICATIONS,
  DATA_PRODUCT_API_VERSION,
  DATA_PRODUCT_KIND,
  DATA_PRODUCT_LIFECYCLES,
  DATA_RESIDENCIES,
  type DataProductEntityV1alpha1,
  MEDALLION_LAYERS,
  RETENTION_CLASSES,
} from './kind';

const entityRef = {
  type: 'string',
  minLength: 1,
  description: 'An entity reference, [kind:][namespace/]name.',
};

const duration = (what: string, example: string) => ({
  type: 'string',
  pattern: ISO_DURATION_PATTERN,
  description: `${what}, an ISO 8601 duration such as ${example}.`,
});

const port = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'contract'],
  properties: {
    name: { type: 'string', pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$' },
    description: { type: 'string' },
    contract: {
      ...entityRef,
      description: 'The ODCS contract (an API entity) governing this port.',
    },
  },
};

/** JSON schema (draft-07) of the DataProduct kind, on top of Entity. */
export const dataProductEntityV1alpha1Schema = {
  $schema: 'http://json-schema.org/draft-07/schema',
  $id: 'DataProductV1alpha1',
  description:
    'A data product: data a domain publishes for others, governed by ODCS data contracts on its ports.',
  allOf: [
    { $ref: 'Entity' },
    {
      type: 'object',
      required: ['spec'],
      properties: {
        apiVersion: { enum: [DATA_PRODUCT_API_VERSION] },
        kind: { enum: [DATA_PRODUCT_KIND] },
        spec: {
          type: 'object',
          additionalProperties: false,
          required: [
            'domain',
            'owner',
            'layer',
            'classification',
            'lifecycle',
            'outputPorts',
            'sla',
            'retentionClass',
            'residency',
            'externalSharing',
          ],
          properties: {
            domain: { ...entityRef, description: 'The Domain it belongs to.' },
            owner: { ...entityRef, description: 'The owning Group.' },
            layer: { enum: [...MEDALLION_LAYERS] },
            classification: { enum: [...DATA_CLASSIFICATIONS] },
            lifecycle: { enum: [...DATA_PRODUCT_LIFECYCLES] },
            outputPorts: { type: 'array', minItems: 1, items: port },
            inputPorts: { type: 'array', items: port },
            sla: {
              type: 'object',
              additionalProperties: false,
              required: ['freshness', 'availability', 'rpo', 'rto'],
              properties: {
                freshness: duration('Greatest age of the newest data', 'PT15M'),
                availability: {
                  type: 'number',
                  exclusiveMinimum: 0,
                  maximum: 100,
                  description: 'Availability objective in percent.',
                },
                rpo: duration('Recovery point objective', 'PT36H'),
                rto: duration('Recovery time objective', 'PT24H'),
              },
            },
            retentionClass: { enum: Object.keys(RETENTION_CLASSES) },
            residency: { enum: Object.keys(DATA_RESIDENCIES) },
            externalSharing: { type: 'boolean' },
          },
        },
      },
    },
  ],
};

const validateKind = entityKindSchemaValidator(dataProductEntityV1alpha1Schema);

/**
 * Checks an entity against the DataProduct kind: returns it typed when it is
 * one, false when it is another kind, and throws a TypeError naming the field
 * and what is allowed when it is a malformed data product.
 */
export function validateDataProductEntity(
  entity: Entity,
): DataProductEntityV1alpha1 | false {
  const result = validateKind(entity);
  return result ? (result as DataProductEntityV1alpha1) : false;
}
