/** Saving a file the backend sent, as a browser download. */

/**
 * The file name a `Content-Disposition` header gives, or undefined. The
 * RFC 5987 form (`filename*=UTF-8''…`) wins over the plain one, as RFC 6266
 * asks. Only the last path segment is kept: a name is never a path.
 */
export function filenameFromContentDisposition(
  header: string | null | undefined,
): string | undefined {
  if (!header) return undefined;
  let name: string | undefined;
  const extended = /filename\*\s*=\s*[^']*'[^']*'([^;]+)/i.exec(header);
  if (extended) {
    try {
      name = decodeURIComponent(extended[1].trim());
    } catch {
      // Badly percent-encoded: the plain form below may still be usable.
    }
  }
  if (!name) {
    const plain = /filename\s*=\s*(?:"((?:\\.|[^"\\])*)"|([^;\s]+))/i.exec(
      header,
    );
    if (plain) {
      name =
        plain[1] !== undefined ? plain[1].replace(/\\(.)/g, '$1') : plain[2];
    }
  }
  const last = name?.split(/[\\/]/).pop()?.trim();
  return last ? last : undefined;
}

/**
 * `retention-findings-2026-03-12.csv`: the name the backend gives its
 * export, for a response without one. The date is UTC, as the backend's.
 */
export function defaultFindingsCsvFilename(now: Date): string {
  return `retention-findings-${now.toISOString().slice(0, 10)}.csv`;
}

/**
 * How long the object URL of a saved file lives. Revoking it right after
 * the click can cancel the download in some browsers, which read the URL
 * asynchronously; a minute is plenty and the memory is small.
 */
const OBJECT_URL_LIFETIME_MS = 60_000;

/**
 * Saves a file through the browser's download: a temporary link with the
 * file's name, clicked once and removed.
 */
export function saveFile(file: File, doc: Document = document): void {
  const url = URL.createObjectURL(file);
  const link = doc.createElement('a');
  link.href = url;
  link.download = file.name;
  link.rel = 'noopener';
  link.style.display = 'none';
  doc.body.appendChild(link);
  try {
    link.click();
  } finally {
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), OBJECT_URL_LIFETIME_MS);
  }
}
