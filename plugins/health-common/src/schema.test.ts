import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import Ajv from 'ajv';
import { load } from 'js-yaml';
import { HEALTH_MODEL_JSON_SCHEMA } from './index';
import { financeDocument, financeModelText } from './__fixtures__/models';

const SCHEMA_FILE = join(__dirname, '..', 'schema', 'health-model.schema.json');

describe('schema/health-model.schema.json', () => {
  it('is HEALTH_MODEL_JSON_SCHEMA written out', () => {
    const expected = `${JSON.stringify(HEALTH_MODEL_JSON_SCHEMA, null, 2)}\n`;
    // The code is the source of truth; this rewrites the shipped copy on request.
    if (process.env.UPDATE_HEALTH_MODEL_SCHEMA === '1') {
      writeFileSync(SCHEMA_FILE, expected);
    }
    const shipped = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8'));
    expect({
      shipped,
      hint: 'out of date? run: UPDATE_HEALTH_MODEL_SCHEMA=1 backstage-cli package test src/schema.test.ts',
    }).toEqual({
      shipped: HEALTH_MODEL_JSON_SCHEMA,
      hint: expect.any(String),
    });
  });

  it('is a valid draft-07 schema that a plain ajv accepts and applies', () => {
    // As an editor would: no custom vocabulary, unknown keywords ignored.
    const validate = new Ajv({ strict: false, allErrors: true }).compile(
      JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')),
    );
    expect(validate(load(financeModelText))).toBe(true);
    const doc = financeDocument();
    doc.spec.components[0].signals[0].treshold = 1;
    expect(validate(doc)).toBe(false);
  });

  it('closes every object: additionalProperties is false wherever properties are listed', () => {
    const open: string[] = [];
    const walk = (node: unknown, path: string) => {
      if (!node || typeof node !== 'object') return;
      const schema = node as Record<string, any>;
      // `if` subschemas are conditions, not shapes: closing them would break them.
      if (schema.properties && !path.endsWith('/if')) {
        if (schema.additionalProperties !== false) open.push(path);
      }
      for (const [key, child] of Object.entries(schema)) {
        walk(child, `${path}/${key}`);
      }
    };
    walk(HEALTH_MODEL_JSON_SCHEMA, '#');
    expect(open).toEqual([]);
  });
});
