/** Our own JSON Schemas (draft 2020-12), compiled with ajv's 2020 build in strict mode. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import { ROOT } from '../helpers/paths.js';

export type SchemaName = 'report' | 'parse' | 'diff';

export function schemaPath(name: SchemaName): string {
  return join(ROOT, 'schemas', `${name}.schema.json`);
}

export function loadSchema(name: SchemaName): Record<string, unknown> {
  return JSON.parse(readFileSync(schemaPath(name), 'utf8')) as Record<string, unknown>;
}

/** ISO 8601 date-time as RFC 3339 defines it (ajv-formats is not a dependency). */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

export function compileSchema(name: SchemaName): ValidateFunction {
  // strict: the schema itself must not use unknown keywords or ignored combinations.
  const ajv = new Ajv2020({ strict: true, allErrors: true, formats: { 'date-time': (v: string) => DATE_TIME.test(v) } });
  return ajv.compile(loadSchema(name));
}

/** Schema errors as readable lines (empty when valid). */
export function schemaErrors(validate: ValidateFunction, value: unknown): string[] {
  if (validate(value)) return [];
  return (validate.errors ?? []).slice(0, 20).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}
