import { readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { validateContractText } from '@dataplatform/plugin-data-contracts-common';

/** The names a directory walk picks up. */
export const CONTRACT_FILE_PATTERNS = [
  '*.odcs.yaml',
  '*.odcs.yml',
  '*.odcs.json',
];

const CONTRACT_FILE = /\.odcs\.(ya?ml|json)$/i;
const NAMED_FILE = /\.(ya?ml|json)$/i;

/** A mistake in what the user asked for, as opposed to an invalid contract. */
export class UsageError extends Error {}

/** The verdict on one file, as `--format json` prints it. */
export interface FileResult {
  file: string;
  valid: boolean;
  apiVersion: string | null;
  errors: { path: string; message: string }[];
}

/**
 * Turns the paths given on the command line into the contract files to
 * check, in a stable order and each once. Every problem with the paths is
 * collected first, so one run names all of them.
 */
export async function findContractFiles(
  paths: string[],
  base: string,
): Promise<string[]> {
  const problems: string[] = [];
  const files: string[] = [];
  for (const given of paths) {
    const absolute = resolve(base, given);
    let stats;
    try {
      stats = await stat(absolute);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') {
        problems.push(`${given}: no such file or directory`);
      } else {
        // Seen but not readable: reported as an invalid contract later.
        files.push(absolute);
      }
      continue;
    }
    if (stats.isDirectory()) {
      let found: string[];
      try {
        found = await walk(absolute);
      } catch (error) {
        problems.push(`${given}: cannot be read: ${(error as Error).message}`);
        continue;
      }
      if (found.length === 0) {
        problems.push(
          `${given}: the directory holds no contract files (${CONTRACT_FILE_PATTERNS.join(
            ', ',
          )})`,
        );
      }
      files.push(...found);
    } else if (!NAMED_FILE.test(absolute)) {
      problems.push(
        `${given}: not a contract file; name a .yaml, .yml or .json file, or a directory holding ${CONTRACT_FILE_PATTERNS.join(
          ', ',
        )}`,
      );
    } else {
      files.push(absolute);
    }
  }
  if (problems.length > 0) {
    throw new UsageError(problems.join('\n'));
  }
  return [...new Set(files)];
}

/**
 * Contract files below a directory, sorted. Hidden directories and
 * node_modules are skipped (they hold tooling, not a repository's
 * contracts), and symlinked directories are not followed, so a link cycle
 * cannot trap the walk.
 */
async function walk(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : 1));
  const files: string[] = [];
  for (const entry of entries) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) {
      if (!entry.name.startsWith('.') && entry.name !== 'node_modules') {
        files.push(...(await walk(path)));
      }
    } else if (CONTRACT_FILE.test(entry.name)) {
      if (entry.isFile() || (await isFile(path))) {
        files.push(path);
      }
    }
  }
  return files;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    // A dangling link is reported by reading it.
    return true;
  }
}

/**
 * Validates one file. A file that cannot be read is an invalid contract
 * with the operating system's reason, so one bad file does not hide the
 * verdict on the others.
 */
export async function checkContractFile(
  path: string,
  shownAs: string,
): Promise<FileResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    return {
      file: shownAs,
      valid: false,
      apiVersion: null,
      errors: [{ path: '/', message: (error as Error).message }],
    };
  }
  const result = validateContractText(text);
  return {
    file: shownAs,
    valid: result.valid,
    apiVersion: result.apiVersion ?? null,
    errors: result.errors.map(e => ({ path: e.path, message: e.message })),
  };
}
