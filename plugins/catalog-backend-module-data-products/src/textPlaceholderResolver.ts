import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { isChildPath } from '@backstage/backend-plugin-api';
import type {
  PlaceholderResolver,
  PlaceholderResolverParams,
} from '@backstage/plugin-catalog-node';

const ABSOLUTE_URL = /^[a-z][a-z0-9+.-]*:/i;

/** First two path segments: owner/repository on the usual SCM hosts. */
function repositoryOf(url: URL): string {
  return `${url.origin}/${url.pathname.split('/').filter(Boolean).slice(0, 2).join('/')}`;
}

/**
 * `$text` that also works in catalog files registered as `file` locations.
 *
 * The catalog's own `$text` builds a URL from the location, which fails for
 * a plain path ("could not form a URL"), so a local catalog could not keep
 * each ODCS contract in its own file — the file the CLI validates in CI.
 * For a file location this reads the referenced file from disk, only at or
 * below the catalog file's folder; for URL locations it reads through the
 * URL readers, within the same repository, as the stock resolver does.
 */
export const textPlaceholderResolver: PlaceholderResolver = async (
  params: PlaceholderResolverParams,
) => {
  const { key, value, baseUrl } = params;
  if (typeof value !== 'string') {
    throw new Error(
      `Placeholder $${key} expects a string: an absolute URL or a path relative to ${baseUrl}`,
    );
  }
  if (path.isAbsolute(baseUrl) && !ABSOLUTE_URL.test(value)) {
    const folder = path.dirname(baseUrl);
    const target = path.resolve(folder, value);
    if (!isChildPath(folder, target)) {
      throw new Error(
        `Placeholder $${key} may only read files in ${folder} or below; ${value} leads outside`,
      );
    }
    return readFile(target, 'utf8');
  }
  let resolved: string;
  try {
    resolved = params.resolveUrl(value, baseUrl);
  } catch (error) {
    throw new Error(
      `Placeholder $${key} could not form a URL out of ${baseUrl} and ${value}: ${error}`,
    );
  }
  if (
    ABSOLUTE_URL.test(baseUrl) &&
    repositoryOf(new URL(resolved)) !== repositoryOf(new URL(baseUrl))
  ) {
    throw new Error(
      `Placeholder $${key} may only read from the repository of ${baseUrl}; ${value} is elsewhere`,
    );
  }
  return (await params.read(resolved)).toString('utf8');
};
