import { RETENTION_POLICY_API_VERSION } from '../constants';
import { DR_STRATEGIES } from '../types';

/*
 * The JSON schema of a policy file: the shapes, types and fixed ranges. Rules
 * that depend on where a category's data lives, on other keys or on other
 * entries (impossible requirements, names in one category only, overrides)
 * are checked in rules.ts. `x-allowed` completes "must be …" in messages.
 */

export const ID_PATTERN = '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$';
export const TABLE_PATTERN = '^[A-Za-z][A-Za-z0-9_]{0,62}$';
export const CONTAINER_PATTERN = '^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$';
export const DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';

export const MAX_CATEGORIES = 200;
export const MAX_NAMES_PER_CATEGORY = 500;
export const MAX_OVERRIDES = 1000;
/** Azure's longest time-based immutability period. */
export const MAX_IMMUTABILITY_DAYS = 146_000;
/** The longest age this policy lets a blob requirement name (100 years). */
export const MAX_BLOB_DAYS = 36_500;

const ID_ALLOWED =
  'an id of 1 to 63 lower-case letters, digits and hyphens, starting and ending with a letter or digit';

const id = (description: string) => ({
  description,
  type: 'string',
  pattern: ID_PATTERN,
  'x-allowed': ID_ALLOWED,
});

const text = (max: number, description: string) => ({
  description,
  type: 'string',
  minLength: 1,
  maxLength: max,
  pattern: '\\S',
  'x-allowed': `a text of 1 to ${max.toLocaleString('en-US')} characters`,
});

const dayValue = {
  type: 'integer',
  minimum: 0,
  'x-allowed': 'a whole number of days, 0 or more',
};

const bounds = (description: string) => ({
  description,
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  'x-allowed': 'a mapping with min and/or max in days, e.g. { min: 3650 }',
  properties: { min: dayValue, max: dayValue },
});

const require = {
  description:
    'What the category requires. Log Analytics: interactiveDays, totalDays. Blob containers: totalDays, archiveAfterDays, immutability.',
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  'x-allowed':
    'a mapping of requirements: interactiveDays, totalDays (Log Analytics); totalDays, archiveAfterDays, immutability (blob containers)',
  properties: {
    interactiveDays: bounds(
      'Log Analytics only: interactive (analytics) retention of each table.',
    ),
    totalDays: bounds(
      'Days data is kept before deletion: a table’s total retention, or the earliest lifecycle delete of a container.',
    ),
    archiveAfterDays: {
      description:
        'Blob containers only: lifecycle rules must tier every blob to archive within max days of its last modification.',
      type: 'object',
      additionalProperties: false,
      required: ['max'],
      'x-allowed': 'a mapping with max in days, e.g. { max: 180 }',
      properties: {
        max: {
          type: 'integer',
          minimum: 0,
          maximum: MAX_BLOB_DAYS,
          'x-allowed': `a whole number of days from 0 to ${MAX_BLOB_DAYS.toLocaleString(
            'en-US',
          )}`,
        },
      },
    },
    immutability: {
      description:
        'Blob containers only: a locked time-based immutability policy of at least minDays.',
      type: 'object',
      additionalProperties: false,
      required: ['minDays'],
      'x-allowed': 'a mapping with minDays, e.g. { minDays: 3650 }',
      properties: {
        minDays: {
          type: 'integer',
          minimum: 1,
          maximum: MAX_IMMUTABILITY_DAYS,
          'x-allowed': `a whole number of days from 1 to ${MAX_IMMUTABILITY_DAYS.toLocaleString(
            'en-US',
          )}, the longest immutability period Azure allows`,
        },
      },
    },
  },
};

const names = (
  description: string,
  pattern: string,
  itemAllowed: string,
  listAllowed: string,
) => ({
  description,
  type: 'array',
  minItems: 1,
  maxItems: MAX_NAMES_PER_CATEGORY,
  'x-allowed': listAllowed,
  items: { type: 'string', pattern, 'x-allowed': itemAllowed },
});

const duration = (example: string) => ({
  type: 'string',
  'x-allowed': `an ISO 8601 duration greater than zero, e.g. ${example}`,
});

const schema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://dataplatform.contoso.com/schemas/retention-policy/v1.json',
  title: 'Retention policy',
  description:
    'What the data platform must keep, for how long, and how domains recover.',
  type: 'object',
  additionalProperties: false,
  required: ['apiVersion', 'kind', 'spec'],
  properties: {
    apiVersion: { const: RETENTION_POLICY_API_VERSION },
    kind: { const: 'RetentionPolicy' },
    metadata: {
      type: 'object',
      additionalProperties: false,
      'x-allowed': 'a mapping with an optional description',
      properties: {
        description: text(2000, 'Free text for people reading the policy.'),
      },
    },
    spec: {
      type: 'object',
      additionalProperties: false,
      required: ['categories'],
      'x-allowed':
        'a mapping with atRiskHorizonDays, categories, recovery and overrides',
      properties: {
        atRiskHorizonDays: {
          description:
            'Days ahead in which a coming requirement (effectiveFrom) makes a shortfall at-risk.',
          type: 'integer',
          minimum: 1,
          maximum: 365,
          default: 90,
          'x-allowed': 'a whole number of days from 1 to 365',
        },
        categories: {
          type: 'array',
          minItems: 1,
          maxItems: MAX_CATEGORIES,
          'x-allowed': `a list of 1 to ${MAX_CATEGORIES} categories`,
          items: { $ref: '#/definitions/category' },
        },
        recovery: {
          type: 'object',
          additionalProperties: false,
          'x-allowed': 'a mapping with defaults and minimumRto',
          properties: {
            defaults: {
              description:
                'Objectives and strategy of a domain or data product that declares none.',
              type: 'object',
              additionalProperties: false,
              'x-allowed': 'a mapping with rpo, rto and strategy',
              properties: {
                rpo: duration('P1DT12H'),
                rto: duration('PT24H'),
                strategy: { enum: [...DR_STRATEGIES] },
              },
            },
            minimumRto: {
              description:
                'The shortest RTO each strategy can deliver; a declared RTO below it is a violation.',
              type: 'object',
              additionalProperties: false,
              'x-allowed': `a mapping from a strategy (${DR_STRATEGIES.join(
                ', ',
              )}) to an ISO 8601 duration`,
              properties: Object.fromEntries(
                DR_STRATEGIES.map(s => [s, duration('PT8H')]),
              ),
            },
          },
        },
        overrides: {
          type: 'array',
          maxItems: MAX_OVERRIDES,
          'x-allowed': `a list of at most ${MAX_OVERRIDES} overrides`,
          items: { $ref: '#/definitions/override' },
        },
      },
    },
  },
  definitions: {
    category: {
      type: 'object',
      additionalProperties: false,
      required: ['id', 'title', 'require'],
      'x-allowed': 'a mapping describing one data category',
      properties: {
        id: id('Unique in the policy.'),
        title: text(200, 'Shown with every finding of the category.'),
        description: text(2000, 'Free text for people reading the policy.'),
        logAnalyticsTables: names(
          'Log Analytics table names, matched case-insensitively in every workspace of a domain.',
          TABLE_PATTERN,
          'a Log Analytics table name: a letter, then up to 62 letters, digits and underscores',
          'a non-empty list of Log Analytics table names',
        ),
        blobContainers: names(
          'Blob container names, matched in every storage account of a domain.',
          CONTAINER_PATTERN,
          'a container name of 3 to 63 lower-case letters, digits and single hyphens, starting and ending with a letter or digit',
          'a non-empty list of blob container names',
        ),
        effectiveFrom: {
          description:
            'Date from which the category is in force; before it a shortfall is at most at-risk.',
          type: 'string',
          pattern: DATE_PATTERN,
          'x-allowed': 'a date written YYYY-MM-DD, e.g. 2027-02-01',
        },
        require,
      },
    },
    override: {
      type: 'object',
      additionalProperties: false,
      required: ['domain', 'category', 'require'],
      'x-allowed': 'a mapping with domain, category, require and reason',
      properties: {
        domain: id('Name (metadata.name) of the Domain entity.'),
        category: {
          type: 'string',
          'x-allowed': 'the id of a category of this policy',
        },
        require,
        reason: text(
          1000,
          'Why the domain differs; required when the override relaxes a requirement.',
        ),
      },
    },
  },
};

/** The JSON schema of a retention policy file (draft-07). */
export const RETENTION_POLICY_JSON_SCHEMA: object = schema;
