import type { ErrorObject, ValidateFunction } from 'ajv';
import { Ajv } from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import formatsModule from 'ajv-formats';
import type { SchemaDialect } from '../core/schema-dialects.js';
import { schemaDialect } from '../core/schema-dialects.js';
import { valueAtPointer } from '../util/json-pointer.js';

// ajv-formats is CommonJS with a `default` export; under NodeNext the default import is the module object.
const addFormats = ((formatsModule as unknown as { default?: typeof formatsModule }).default ??
  formatsModule) as unknown as (ajv: Ajv) => Ajv;

/** One validator per dialect, made when a schema of that dialect is first compiled. */
const validators = new Map<SchemaDialect, Ajv>();
const MAKE: Record<SchemaDialect, () => Ajv> = {
  'draft-07': () => new Ajv({ allErrors: true, strict: false }),
  '2019-09': () => new Ajv2019({ allErrors: true, strict: false }),
  '2020-12': () => new Ajv2020({ allErrors: true, strict: false }),
};

function validatorFor(schema: object): Ajv {
  // Cards with a `$schema` cardcheck does not know are refused when read; draft-07 is the default.
  const dialect = schemaDialect(schema) ?? 'draft-07';
  let ajv = validators.get(dialect);
  if (!ajv) {
    ajv = addFormats(MAKE[dialect]());
    validators.set(dialect, ajv);
  }
  return ajv;
}
const compiled = new WeakMap<object, ValidateFunction>();

export interface SchemaViolation {
  /** JSON pointer into the response body ('' for the root). */
  path: string;
  message: string;
  expected: string;
  actual: string;
  /** JSON pointer, into the schema, of the keyword that failed (for `required`, the missing name in its list). */
  schemaPath: string;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Where in the schema the failed keyword is written; a missing required name points at that name. */
function schemaPathOf(e: ErrorObject, schema: object): string {
  const at = e.schemaPath.replace(/^#/, '');
  if (e.keyword !== 'required') return at;
  const list = valueAtPointer(schema, at);
  const i = Array.isArray(list) ? list.indexOf((e.params as { missingProperty?: unknown }).missingProperty) : -1;
  return i >= 0 ? `${at}/${i}` : at;
}

function toViolation(e: ErrorObject, body: unknown, schema: object): SchemaViolation {
  const p = e.params as Record<string, unknown>;
  const schemaPath = schemaPathOf(e, schema);
  if (e.keyword === 'required') {
    const path = `${e.instancePath}/${String(p.missingProperty)}`;
    return { path, message: `required field ${path} is missing`, expected: 'present', actual: 'missing', schemaPath };
  }
  if (e.keyword === 'additionalProperties') {
    const path = `${e.instancePath}/${String(p.additionalProperty)}`;
    const message = `field ${path} is not allowed by the schema`;
    return { path, message, expected: 'absent', actual: 'present', schemaPath };
  }
  const actual = describe(valueAtPointer(body, e.instancePath));
  const expected =
    e.keyword === 'type'
      ? String(p.type)
      : e.keyword === 'format'
        ? `format ${String(p.format)}`
        : e.keyword === 'enum'
          ? `one of ${describe(p.allowedValues)}`
          : e.keyword === 'const'
            ? describe(p.allowedValue)
            : `${e.keyword} ${describe(p)}`;
  return {
    path: e.instancePath || '/',
    message: `${e.instancePath || 'the body'} ${e.message ?? 'is invalid'}`,
    expected,
    actual,
    schemaPath,
  };
}

/**
 * Compiled schemas by their JSON text: cards written from one template carry
 * equal schemas as different objects, and compiling costs far more than a
 * request (a run of 2,000 such cards spent a quarter of its time in ajv).
 */
const compiledByText = new Map<string, ValidateFunction>();

/** Validate a parsed body against a JSON Schema. Compiled schemas are cached per schema object and per schema text. */
export function validateSchema(schema: object, body: unknown): SchemaViolation[] {
  let validate = compiled.get(schema);
  if (!validate) {
    const text = JSON.stringify(schema);
    validate = compiledByText.get(text);
    if (!validate) {
      validate = validatorFor(schema).compile(schema);
      compiledByText.set(text, validate);
    }
    compiled.set(schema, validate);
  }
  if (validate(body)) return [];
  return (validate.errors ?? []).map((e) => toViolation(e, body, schema));
}
