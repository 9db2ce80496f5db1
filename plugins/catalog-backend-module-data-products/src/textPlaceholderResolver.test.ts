import { createMockDirectory } from '@backstage/backend-test-utils';
import { textPlaceholderResolver } from './textPlaceholderResolver';

describe('textPlaceholderResolver', () => {
  const dir = createMockDirectory({
    content: {
      'catalog/contracts.yaml': 'kind: API',
      'catalog/contracts/orders.odcs.yaml': 'apiVersion: v3.1.0\n',
      'secret.txt': 'do not read',
    },
  });
  const base = {
    key: 'text',
    emit: jest.fn(),
    read: jest.fn(async (url: string) => Buffer.from(`read ${url}`)),
    resolveUrl: (url: string, baseUrl: string) => new URL(url, baseUrl).toString(),
  };

  it('reads a file beside a catalog file registered as a file location', async () => {
    await expect(
      textPlaceholderResolver({
        ...base,
        value: './contracts/orders.odcs.yaml',
        baseUrl: dir.resolve('catalog/contracts.yaml'),
      }),
    ).resolves.toBe('apiVersion: v3.1.0\n');
  });

  it('refuses to leave the catalog folder', async () => {
    await expect(
      textPlaceholderResolver({
        ...base,
        value: '../secret.txt',
        baseUrl: dir.resolve('catalog/contracts.yaml'),
      }),
    ).rejects.toThrow(/may only read files in .*catalog or below; \.\.\/secret\.txt leads outside/);
  });

  it('reads through the URL readers within the same repository', async () => {
    await expect(
      textPlaceholderResolver({
        ...base,
        value: './contracts/orders.odcs.yaml',
        baseUrl: 'https://github.com/contoso/contracts/blob/main/catalog.yaml',
      }),
    ).resolves.toBe(
      'read https://github.com/contoso/contracts/blob/main/contracts/orders.odcs.yaml',
    );
    await expect(
      textPlaceholderResolver({
        ...base,
        value: 'https://github.com/someone/else/blob/main/x.yaml',
        baseUrl: 'https://github.com/contoso/contracts/blob/main/catalog.yaml',
      }),
    ).rejects.toThrow(/may only read from the repository/);
  });

  it('says what it expects when the value is not a string', async () => {
    await expect(
      textPlaceholderResolver({ ...base, value: 42, baseUrl: '/x/catalog.yaml' }),
    ).rejects.toThrow(/expects a string/);
  });
});
