import fs from 'node:fs';
import path from 'node:path';
import Ajv2019 from 'ajv/dist/2019';
import addFormats from 'ajv-formats';
import { CORE_SCHEMA, load } from 'js-yaml';

/** The shared reference data: official ODCS schemas and examples. */
export const ODCS_REFERENCE_DIR = path.resolve(
  __dirname,
  '../../../../../shared/odcs',
);

/** The official examples, as [file name, text]. */
export function officialExamples(): Array<[string, string]> {
  const dir = path.join(ODCS_REFERENCE_DIR, 'examples');
  if (!fs.existsSync(dir)) {
    throw new Error(
      `The ODCS reference data is expected beside the repository, in ${dir} (../shared)`,
    );
  }
  return fs
    .readdirSync(dir)
    .filter(f => f.endsWith('.odcs.yaml'))
    .sort()
    .map(f => [f, fs.readFileSync(path.join(dir, f), 'utf8')]);
}

export function officialExampleDocuments(): Array<[string, any]> {
  return officialExamples().map(([name, text]) => [
    name,
    load(text, { schema: CORE_SCHEMA }),
  ]);
}

/**
 * The official v3.1.0 JSON schema compiled with ajv: a test oracle only,
 * never used by the product.
 */
export function compileOfficialSchema(
  file = 'odcs-json-schema-v3.1.0.json',
): (document: unknown) => boolean {
  const ajv = new Ajv2019({ strict: false, allErrors: false });
  addFormats(ajv);
  const schema = JSON.parse(
    fs.readFileSync(path.join(ODCS_REFERENCE_DIR, 'schema', file), 'utf8'),
  );
  const validate = ajv.compile(schema);
  return document => validate(document) as boolean;
}
