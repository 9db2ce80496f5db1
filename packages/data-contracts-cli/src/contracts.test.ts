import {
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkContractFile, findContractFiles, UsageError } from './contracts';

describe('findContractFiles', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'data-contracts-files-'));
    for (const path of [
      'b/z.odcs.json',
      'b/a.ODCS.YAML',
      'a.odcs.yml',
      'c.txt',
    ]) {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), '');
    }
    // A cycle the walk must not follow.
    symlinkSync(dir, join(dir, 'b', 'loop'));
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('walks in name order, once per file, without following linked directories', async () => {
    await expect(findContractFiles(['.', 'a.odcs.yml'], dir)).resolves.toEqual([
      join(dir, 'a.odcs.yml'),
      join(dir, 'b/a.ODCS.YAML'),
      join(dir, 'b/z.odcs.json'),
    ]);
  });

  it('refuses a named file that is not YAML or JSON', async () => {
    await expect(findContractFiles(['c.txt'], dir)).rejects.toThrow(
      new UsageError(
        'c.txt: not a contract file; name a .yaml, .yml or .json file, or a directory holding *.odcs.yaml, *.odcs.yml, *.odcs.json',
      ),
    );
  });
});

describe('checkContractFile', () => {
  it('reports a file that cannot be read as invalid, with the reason', async () => {
    // A directory stands in for an unreadable file: tests may run as root.
    await expect(checkContractFile(tmpdir(), 'x.odcs.yaml')).resolves.toEqual({
      file: 'x.odcs.yaml',
      valid: false,
      apiVersion: null,
      errors: [{ path: '/', message: expect.stringContaining('EISDIR') }],
    });
  });
});
