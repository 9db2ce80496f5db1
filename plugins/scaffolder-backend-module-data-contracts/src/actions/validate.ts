import { readFile, realpath, stat } from 'node:fs/promises';
import {
  isChildPath,
  resolveSafeChildPath,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  ContractValidationResult,
  DEFAULT_MAX_CONTRACT_BYTES,
  validateContract,
  validateContractText,
} from '@dataplatform/plugin-data-contracts-common';
import { examples } from './validate.examples';

/** More than this and the step's error message stops being readable. */
const ERRORS_IN_FAILURE_MESSAGE = 20;

/**
 * `data-contract:validate`: checks an ODCS contract, from a workspace file or
 * given inline, and by default fails the step when it is invalid, so that a
 * template stops before it publishes or registers anything.
 */
export function createValidateDataContractAction() {
  return createTemplateAction({
    id: 'data-contract:validate',
    description:
      'Validates an Open Data Contract Standard (ODCS v3) contract, read from a file in the task workspace or given inline. ' +
      'Fails the step when the contract is invalid unless failOnInvalid is false; the outputs list every error with its JSON path.',
    examples,
    // Validation only reads, so a dry run does exactly what a real run does:
    // the template editor shows the real verdict.
    supportsDryRun: true,
    schema: {
      input: {
        path: z =>
          z
            .string()
            .optional()
            .describe(
              'Contract file relative to the task workspace, e.g. ./catalog/contracts/orders.odcs.yaml. Give either path or contract.',
            ),
        contract: z =>
          z
            .union([z.string(), z.record(z.any())])
            .optional()
            .describe(
              'The contract itself: YAML or JSON text, or an object such as a template parameter. Give either path or contract.',
            ),
        failOnInvalid: z =>
          z
            .boolean()
            .optional()
            .describe(
              'Fail the step when the contract is invalid (default true). With false the step succeeds and the outputs carry the verdict.',
            ),
      },
      output: {
        valid: z => z.boolean().describe('Whether the contract is valid'),
        apiVersion: z =>
          z
            .string()
            .optional()
            .describe('The declared apiVersion, when there is one'),
        errorCount: z => z.number().describe('How many errors were found'),
        errors: z =>
          z
            .array(z.object({ path: z.string(), message: z.string() }))
            .describe(
              'Each error with the JSON pointer to the offending value',
            ),
      },
    },
    // No ctx.checkpoint: nothing outside the task changes, so a resumed task
    // may simply validate again.
    async handler(ctx) {
      const { path, contract, failOnInvalid = true } = ctx.input;
      const fromFile = isGiven(path);
      if (fromFile === isGiven(contract)) {
        throw new InputError(
          `Give the contract to check in exactly one of the inputs 'path' (a file in the task workspace) ` +
            `or 'contract' (YAML or JSON text, or an object); ${
              fromFile ? 'both were' : 'neither was'
            } given.`,
        );
      }

      const subject = fromFile
        ? `Data contract ${path}`
        : 'The inline data contract';
      const result = fromFile
        ? await validateWorkspaceFile(ctx.workspacePath, String(path))
        : validateInline(contract);
      const errors = result.errors.map(e => ({
        path: e.path,
        message: e.message,
      }));

      if (result.valid) {
        ctx.logger.info(
          `${subject} is a valid ODCS contract (apiVersion ${result.apiVersion})`,
        );
      } else {
        ctx.logger.warn(
          `${subject} is not a valid ODCS contract: ${countErrors(
            errors.length,
          )}`,
        );
        for (const e of errors) {
          ctx.logger.warn(`${e.path}: ${e.message}`);
        }
      }

      ctx.output('valid', result.valid);
      if (result.apiVersion !== undefined) {
        ctx.output('apiVersion', result.apiVersion);
      }
      ctx.output('errorCount', errors.length);
      ctx.output('errors', errors);

      if (!result.valid && failOnInvalid) {
        const listed = errors
          .slice(0, ERRORS_IN_FAILURE_MESSAGE)
          .map(e => `  ${e.path}: ${e.message}`);
        if (errors.length > ERRORS_IN_FAILURE_MESSAGE) {
          listed.push(
            `  and ${errors.length - ERRORS_IN_FAILURE_MESSAGE} more`,
          );
        }
        throw new InputError(
          `${subject} is invalid (${countErrors(
            errors.length,
          )}):\n${listed.join('\n')}`,
        );
      }
    },
  });
}

// Template expressions render a missing parameter as undefined (or null from
// JSON); an empty string is still something given, and gets its own verdict.
function isGiven(value: unknown): boolean {
  return value !== undefined && value !== null;
}

function countErrors(n: number): string {
  return n === 1 ? '1 error' : `${n} errors`;
}

function validateInline(contract: unknown): ContractValidationResult {
  return typeof contract === 'string'
    ? validateContractText(contract)
    : validateContract(contract);
}

async function validateWorkspaceFile(
  workspacePath: string,
  path: string,
): Promise<ContractValidationResult> {
  const outside = new InputError(
    `The contract path '${path}' leads outside the task workspace; give a file inside it, such as ./catalog/contracts/orders.odcs.yaml`,
  );
  if (path.trim() === '') {
    throw new InputError(
      `The contract path is empty; give a file in the task workspace, such as ./catalog/contracts/orders.odcs.yaml`,
    );
  }
  let target: string;
  try {
    target = resolveSafeChildPath(workspacePath, path);
  } catch {
    throw outside;
  }

  // resolveSafeChildPath compares names only; a fetched skeleton could hold a
  // symlink to a file of the backend host, whose content would then reach the
  // task log through the error messages.
  const unreadable = (error: unknown) =>
    new InputError(
      `Cannot read the contract file '${path}' in the task workspace: ${
        (error as NodeJS.ErrnoException)?.code === 'ENOENT'
          ? 'there is no such file'
          : reasonOf(error)
      }`,
    );
  let realTarget: string;
  try {
    realTarget = await realpath(target);
  } catch (error) {
    throw unreadable(error);
  }
  if (!isChildPath(await realpath(workspacePath), realTarget)) {
    throw outside;
  }

  let stats;
  try {
    stats = await stat(realTarget);
  } catch (error) {
    throw unreadable(error);
  }
  if (!stats.isFile()) {
    throw new InputError(
      `The contract path '${path}' is not a file; give a contract file such as ./catalog/contracts/orders.odcs.yaml`,
    );
  }
  // Judged by its size alone, so an oversized file never fills the
  // backend's memory.
  if (stats.size > DEFAULT_MAX_CONTRACT_BYTES) {
    return {
      valid: false,
      errors: [
        {
          path: '/',
          message: `the file is ${mebibytes(stats.size)}; at most ${mebibytes(
            DEFAULT_MAX_CONTRACT_BYTES,
          )} is accepted`,
        },
      ],
    };
  }
  let text: string;
  try {
    text = await readFile(realTarget, 'utf8');
  } catch (error) {
    throw unreadable(error);
  }
  return validateContractText(text);
}

function mebibytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
