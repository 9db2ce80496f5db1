import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

// Each run starts a Node process that compiles the sources on the fly.
jest.setTimeout(60_000);

const bin = resolve(__dirname, '../bin/data-contracts');

const valid = `apiVersion: v3.1.0
kind: DataContract
id: orders
version: 1.0.0
status: active
schema:
  - name: orders
    properties:
      - name: order_id
        logicalType: string
`;

const invalid = `apiVersion: v3.1.0
kind: DataContract
id: payments
version: 1.0.0
status: 42
schema:
  - name: payments
    properties:
      - name: amount
        logicalType: money
`;

describe('data-contracts validate', () => {
  let root: string;
  let userDir: string;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'data-contracts-cli-'));
    userDir = join(root, 'repo');
    const files: Record<string, string> = {
      'contracts/orders.odcs.yaml': valid,
      'contracts/payments/payments.odcs.yml': invalid,
      'contracts/refunds.odcs.json': JSON.stringify({
        apiVersion: 'v3.0.2',
        kind: 'DataContract',
        id: 'refunds',
        version: '1.0.0',
        status: 'draft',
      }),
      // Not picked up by a directory walk:
      'contracts/notes.yaml': 'not: a contract',
      'contracts/.drafts/broken.odcs.yaml': 'status: [',
      'contracts/node_modules/dep/x.odcs.yaml': 'status: [',
      'empty/README.md': '# nothing here',
    };
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(userDir, path)), { recursive: true });
      writeFileSync(join(userDir, path), content);
    }
  });

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  // Runs where yarn would (elsewhere), with INIT_CWD where the user is, so
  // every test also shows relative paths are taken from INIT_CWD.
  function run(...args: string[]) {
    const { status, stdout, stderr } = spawnSync(
      process.execPath,
      [bin, ...args],
      {
        cwd: root,
        env: { ...process.env, INIT_CWD: userDir },
        encoding: 'utf8',
      },
    );
    return { status, stdout, stderr };
  }

  it('exits 0 for a valid contract and prints the summary', () => {
    expect(run('validate', 'contracts/orders.odcs.yaml')).toEqual({
      status: 0,
      stdout: '1 contract checked: 1 valid, 0 invalid\n',
      stderr: '',
    });
  });

  it('walks directories, prints one line per error in document order and exits 1', () => {
    const { status, stdout, stderr } = run('validate', 'contracts');

    expect(status).toBe(1);
    expect(stderr).toBe('');
    const lines = stdout.trimEnd().split('\n');
    expect(lines.slice(0, -1)).toEqual([
      expect.stringMatching(
        /^contracts\/payments\/payments\.odcs\.yml: \/status: .+/,
      ),
      expect.stringMatching(
        /^contracts\/payments\/payments\.odcs\.yml: \/schema\/0\/properties\/0\/logicalType: .+/,
      ),
    ]);
    expect(lines.at(-1)).toBe(
      '3 contracts checked: 2 valid, 1 invalid (2 errors)',
    );
  });

  it('prints exactly a JSON array with --format json', () => {
    const { status, stdout, stderr } = run(
      'validate',
      '--format',
      'json',
      'contracts/orders.odcs.yaml',
      join(userDir, 'contracts/payments/payments.odcs.yml'),
    );

    expect(status).toBe(1);
    expect(stderr).toBe('');
    expect(JSON.parse(stdout)).toEqual([
      {
        file: 'contracts/orders.odcs.yaml',
        valid: true,
        apiVersion: 'v3.1.0',
        errors: [],
      },
      {
        file: 'contracts/payments/payments.odcs.yml',
        valid: false,
        apiVersion: 'v3.1.0',
        errors: [
          { path: '/status', message: expect.any(String) },
          {
            path: '/schema/0/properties/0/logicalType',
            message: expect.any(String),
          },
        ],
      },
    ]);
  });

  it('exits 2 without paths', () => {
    const { status, stdout, stderr } = run('validate');
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain("missing required argument 'paths'");
  });

  it('exits 2 naming every path that is missing or holds no contracts', () => {
    const { status, stdout, stderr } = run(
      'validate',
      'contracts/missing.odcs.yaml',
      'empty',
      'contracts/orders.odcs.yaml',
    );
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(
      'error: contracts/missing.odcs.yaml: no such file or directory',
    );
    expect(stderr).toContain(
      'error: empty: the directory holds no contract files (*.odcs.yaml, *.odcs.yml, *.odcs.json)',
    );
  });

  it('exits 2 on an unknown format and names the allowed ones', () => {
    const { status, stdout, stderr } = run(
      'validate',
      '--format',
      'xml',
      'contracts',
    );
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain("argument 'xml' is invalid");
    expect(stderr).toContain('Allowed choices are text, json');
  });

  it('explains itself with --help', () => {
    const { status, stdout } = run('validate', '--help');
    expect(status).toBe(0);
    expect(stdout).toContain(
      'Usage: data-contracts validate [options] <paths...>',
    );
    expect(stdout).toContain('Exit codes: 0 every contract is valid');
  });
});
