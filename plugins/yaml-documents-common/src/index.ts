/**
 * Documents as code (health models, retention policies): bounded YAML
 * parsing and ajv errors turned into JSON-pointer paths with messages that
 * say what is allowed.
 *
 * @packageDocumentation
 */

export {
  type DocumentError,
  describeValue,
  didYouMean,
  jsonPointer,
  pointerSegment,
} from './values';
export {
  checkDocumentShape,
  type DocumentKind,
  type LoadResult,
  loadYamlDocument,
  MAX_DOCUMENT_DEPTH,
  MAX_DOCUMENT_VALUES,
  utf8Length,
} from './load';
export {
  compileDocumentSchema,
  type DocumentSchema,
  type DocumentSchemaOptions,
} from './schema';
