/*
 * Contract validation throughput on one core: the 13 official ODCS examples
 * through our validator and through ajv running the official v3.1.0 schema,
 * measured in the same process, interleaved rounds, median of each.
 *
 *   ./portal bench contract-validation
 */
import fs from 'node:fs';
import path from 'node:path';
import Ajv2019 from 'ajv/dist/2019';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { validateContract } from '@dataplatform/plugin-data-contracts-common';

const SHARED = path.resolve(__dirname, '../../../shared/odcs');
const TARGET_PER_SECOND = 5_000;
const TARGET_RATIO = 2;

function load() {
  const dir = path.join(SHARED, 'examples');
  if (!fs.existsSync(dir)) {
    throw new Error(`The official ODCS examples are expected in ${dir}`);
  }
  return fs
    .readdirSync(dir)
    .filter(f => f.endsWith('.odcs.yaml'))
    .sort()
    .map(f => parse(fs.readFileSync(path.join(dir, f), 'utf8')));
}

function officialValidator() {
  const ajv = new Ajv2019({ strict: false });
  addFormats(ajv);
  return ajv.compile(
    JSON.parse(
      fs.readFileSync(
        path.join(SHARED, 'schema/odcs-json-schema-v3.1.0.json'),
        'utf8',
      ),
    ),
  );
}

/** Contracts per second over one pass of `rounds × documents`. */
function measure(
  validate: (d: unknown) => unknown,
  documents: unknown[],
  rounds: number,
) {
  const started = process.hrtime.bigint();
  for (let r = 0; r < rounds; r++) {
    for (const document of documents) validate(document);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return (rounds * documents.length) / seconds;
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function main() {
  const documents = load();
  const official = officialValidator();
  const ours = (d: unknown) => validateContract(d).valid;

  // Both must agree the examples are valid, or the race is meaningless.
  for (const d of documents) {
    if (!ours(d) || !official(d)) {
      throw new Error('an official example was rejected; fix that first');
    }
  }
  // Warm up so both are measured with optimised code.
  measure(ours, documents, 2_000);
  measure(official, documents, 2_000);

  const oursRates: number[] = [];
  const officialRates: number[] = [];
  for (let i = 0; i < 9; i++) {
    oursRates.push(measure(ours, documents, 400));
    officialRates.push(measure(official, documents, 400));
  }
  const oursRate = median(oursRates);
  const officialRate = median(officialRates);
  const ratio = officialRate / oursRate;

  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  console.log(
    `Contract validation, ${documents.length} official ODCS examples, one core (${process.version})`,
  );
  console.log(`  our validator:                ${fmt(oursRate)} contracts/s`);
  console.log(
    `  ajv + official v3.1.0 schema: ${fmt(officialRate)} contracts/s`,
  );
  console.log(
    `  ratio (ajv / ours):           ${ratio.toFixed(
      2,
    )}× slower than ajv (target ≤ ${TARGET_RATIO}×)`,
  );
  console.log(
    `  target ≥ ${fmt(TARGET_PER_SECOND)}/s: ${
      oursRate >= TARGET_PER_SECOND ? 'met' : 'NOT met'
    }; within ${TARGET_RATIO}× of ajv: ${
      ratio <= TARGET_RATIO ? 'met' : 'NOT met'
    }`,
  );
}

main();
