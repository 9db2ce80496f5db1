import {
  HEALTH_MODEL_ANNOTATION,
  HealthModelValidationError,
} from '@dataplatform/plugin-health-common';
import { describeErrors } from './ModelSource';
import { ModelError } from './types';

/*
 * Model errors are shown to everyone who may read health, but they can
 * quote what the model file says (resource ids, workspace ids, a query's
 * words) and where the backend read it (a repository URL, an absolute path
 * on the server). For callers who may not see the definitions they keep
 * their JSON pointers and what is allowed, without the values.
 */

const GUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const RESOURCE_ID = /\/subscriptions\/[^\s'",;)]+/gi;
const URL_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/[^\s'",;)]+/gi;
/** An absolute path, not the tail of a relative one (`catalog/health/x.yaml`). */
const ABSOLUTE_PATH = /(?<![\w.~-])\/(?:[^\s'",;:/]+\/)+([^\s'",;:/]+)/g;
const QUOTED = /'([^']*)'/g;
/** What follows "got" is the value found in the file. */
const GOT_IN_PARENTHESES = /\s*\(got [\s\S]*\)\s*$/;
const GOT_CLAUSE = /[;,]\s*got [\s\S]*$/;
/** Quoted text that says what is allowed, not what was found. */
const ALLOWED_QUOTE = /(?:must be |did you mean )$/;

/** `x.yaml` of `catalog/health/x.yaml`, of `https://host/…/x.yaml` or of `/srv/…/x.yaml`; a directory keeps its slash. */
export function fileName(location: string): string {
  let path = location;
  try {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location)) {
      path = new URL(location).pathname;
    }
  } catch {
    // Not a URL after all: take it as a path.
  }
  const directory = path.endsWith('/');
  const name = path.split(/[\\/]/).filter(Boolean).pop() ?? '';
  return directory && name ? `${name}/` : name;
}

/** A validation message without the value it found: pointer and allowed values stay. */
export function withoutValues(message: string): string {
  return message
    .replace(GOT_IN_PARENTHESES, '')
    .replace(GOT_CLAUSE, '')
    .replace(RESOURCE_ID, '…')
    .replace(GUID, '…')
    .replace(QUOTED, (quoted, _inner, offset: number, whole: string) =>
      ALLOWED_QUOTE.test(whole.slice(0, offset)) ? quoted : "'…'",
    );
}

/** A read error's text with file names instead of paths and URLs. */
export function withFileNames(
  message: string,
  source: string | undefined,
): string {
  let text = message;
  if (source) text = text.split(source).join(fileName(source));
  // Resource ids first: they look like paths, but their last segment is
  // a resource's name, not a file's.
  return text
    .replace(RESOURCE_ID, '…')
    .replace(URL_TEXT, url => fileName(url))
    .replace(QUOTED, (_quoted, inner: string) => `'${fileName(inner)}'`)
    .replace(ABSOLUTE_PATH, (_path, name: string) => name)
    .replace(GUID, '…');
}

/**
 * A model error as someone who may not see the entity's definitions sees
 * it: each error's pointer and allowed values without the value found, the
 * model file by its name only.
 */
export function publicModelError(
  error: ModelError,
  source: string | undefined,
): ModelError {
  const errors: HealthModelValidationError[] = error.errors.map(e => ({
    path: e.path,
    message: withoutValues(e.message),
  }));
  const invalid = source
    ? `${HEALTH_MODEL_ANNOTATION}: ${source} is not a valid health model: `
    : undefined;
  const message =
    invalid && errors.length > 0 && error.message.startsWith(invalid)
      ? `${HEALTH_MODEL_ANNOTATION}: ${fileName(
          source!,
        )} is not a valid health model: ${describeErrors(errors)}`
      : withFileNames(error.message, source)
          .replace(GOT_IN_PARENTHESES, '')
          .replace(GOT_CLAUSE, '');
  return { message, errors };
}
