import { isAbsolute, relative } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import {
  checkContractFile,
  CONTRACT_FILE_PATTERNS,
  FileResult,
  findContractFiles,
  UsageError,
} from './contracts';

/** Exit codes; CI scripts tell a bad contract from a bad invocation by them. */
const EXIT = { valid: 0, invalid: 1, usage: 2, internal: 3 } as const;

const HELP_HINT = '(add --help for usage)';

/**
 * Runs the `data-contracts` command line. Never rejects: the outcome is
 * `process.exitCode`, and whatever goes wrong is said on stderr.
 */
export async function main(argv: string[]): Promise<void> {
  const program = new Command('data-contracts')
    .description(
      'Checks Open Data Contract Standard (ODCS v3) data contracts, for contract repositories and their CI.',
    )
    // Settings made before .command() are inherited by the subcommands.
    .exitOverride()
    .showHelpAfterError(HELP_HINT);

  program
    .command('validate')
    .description(
      'Validate contract files, or every contract below directories.',
    )
    .argument(
      '<paths...>',
      `contract files (.yaml, .yml, .json) or directories to search for ${CONTRACT_FILE_PATTERNS.join(
        ', ',
      )}`,
    )
    .addOption(
      new Option('--format <format>', 'how to print the results')
        .choices(['text', 'json'])
        .default('text'),
    )
    .addHelpText(
      'after',
      `
Relative paths are taken from the directory you ran the command in. Directory
searches skip hidden directories and node_modules.

Output (all on stdout):
  text  one line per error, "<file>: <json pointer>: <message>", then a summary
        line such as "3 contracts checked: 2 valid, 1 invalid (4 errors)"
  json  only a JSON array of {"file", "valid", "apiVersion", "errors": [{"path", "message"}]}

Exit codes: 0 every contract is valid, 1 some contract is invalid,
2 usage error (unknown option or format, missing or empty path), 3 internal error.`,
    )
    .action(async (paths: string[], options: { format: 'text' | 'json' }) => {
      process.exitCode = await validate(paths, options.format);
    });

  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has already explained; --help and the like end with 0.
      process.exitCode = error.exitCode === 0 ? EXIT.valid : EXIT.usage;
    } else if (error instanceof UsageError) {
      const lines = error.message.split('\n').map(line => `error: ${line}`);
      process.stderr.write(`${[...lines, HELP_HINT].join('\n')}\n`);
      process.exitCode = EXIT.usage;
    } else {
      process.stderr.write(
        `error: data-contracts failed unexpectedly: ${
          (error as Error)?.stack ?? String(error)
        }\n`,
      );
      process.exitCode = EXIT.internal;
    }
  }
}

async function validate(
  paths: string[],
  format: 'text' | 'json',
): Promise<number> {
  // Yarn runs root scripts at the repository root; INIT_CWD is where the
  // person actually was, so their relative paths mean what they expect.
  const base = process.env.INIT_CWD ?? process.cwd();
  const files = await findContractFiles(paths, base);

  const results: FileResult[] = [];
  for (const file of files) {
    results.push(await checkContractFile(file, shown(file, base)));
  }

  process.stdout.write(
    format === 'json'
      ? `${JSON.stringify(results, null, 2)}\n`
      : textReport(results),
  );
  return results.every(r => r.valid) ? EXIT.valid : EXIT.invalid;
}

function shown(file: string, base: string): string {
  const path = relative(base, file);
  // On Windows another drive has no relative path.
  return isAbsolute(path) ? file : path;
}

function textReport(results: FileResult[]): string {
  const lines: string[] = [];
  for (const result of results) {
    for (const error of result.errors) {
      // One line per error keeps the output greppable.
      const message = error.message.replace(/\s*\r?\n\s*/g, ' ');
      lines.push(`${result.file}: ${error.path}: ${message}`);
    }
  }
  const invalid = results.filter(r => !r.valid).length;
  const errors = results.reduce((n, r) => n + r.errors.length, 0);
  lines.push(
    `${plural(results.length, 'contract')} checked: ${
      results.length - invalid
    } valid, ${invalid} invalid${
      invalid > 0 ? ` (${plural(errors, 'error')})` : ''
    }`,
  );
  return `${lines.join('\n')}\n`;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
