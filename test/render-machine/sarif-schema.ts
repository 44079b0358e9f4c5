/** The official SARIF 2.1.0 schema (draft-07), compiled once per test file. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { REFERENCE } from '../helpers/paths.js';

export const SARIF_SCHEMA_PATH = join(REFERENCE, 'sarif-schema-2.1.0.json');

export interface SarifValidator {
  (text: string): string[];
}

/**
 * The formats the SARIF schema uses (ajv-formats is not a dependency). `uri` must be
 * absolute, `uri-reference` may be relative; both must parse as URLs.
 */
const SARIF_FORMATS = {
  uri: (value: string) => /^[a-z][a-z0-9+.-]*:/i.test(value) && URL.canParse(value),
  'uri-reference': (value: string) => URL.canParse(value, 'https://example.invalid/') && !/[\s\\]/.test(value),
  'date-time': (value: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i.test(value),
};

/** A function returning the schema errors of a SARIF text (empty when valid). */
export function sarifValidator(): SarifValidator {
  // The official schema has a pattern (run.language) that is invalid with the `u` flag.
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false, formats: SARIF_FORMATS });
  const schema = JSON.parse(readFileSync(SARIF_SCHEMA_PATH, 'utf8')) as { definitions?: Record<string, unknown> };
  // This copy keeps the top-level log object under `definitions.Root` and constrains nothing
  // at its root, so compiling it as is would accept any JSON: validate against Root.
  const root = schema.definitions?.['Root'] ? { ...schema, $ref: '#/definitions/Root' } : schema;
  const validate = ajv.compile(root);
  return (text) => {
    if (validate(JSON.parse(text))) return [];
    return (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
  };
}

export const HAVE_SARIF_SCHEMA = existsSync(SARIF_SCHEMA_PATH);

/** `describe` that is skipped, with a visible message, when the shared reference schema is absent. */
export function sarifSchemaDescribe(name: string, fn: () => void): void {
  if (HAVE_SARIF_SCHEMA) describe(name, fn);
  else {
    // eslint-disable-next-line no-console
    console.warn(`SKIPPED "${name}": the official SARIF schema is not at ${SARIF_SCHEMA_PATH}`);
    // The body is not run: it compiles the schema while the tests are being collected.
    describe(name, () => {
      it.skip(`needs the official SARIF schema at ${SARIF_SCHEMA_PATH}`, () => undefined);
    });
  }
}
