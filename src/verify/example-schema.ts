import type { JsonObject, JsonValue } from '../core/json.js';

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const URI = /^[a-z][a-z0-9+.-]*:\/\/\S+$/i;

function stringFormat(s: string): string | undefined {
  if (DATE_TIME.test(s)) return 'date-time';
  if (UUID.test(s)) return 'uuid';
  if (EMAIL.test(s)) return 'email';
  if (URI.test(s)) return 'uri';
  return undefined;
}

/**
 * The shape of an example body as a JSON Schema: keys present are required,
 * each value's type is kept, strings that look like a date-time, uuid, email
 * or uri get that format. Values themselves are not pinned.
 */
export function schemaFromExample(example: JsonValue): JsonObject {
  if (example === null) return { type: 'null' };
  if (Array.isArray(example)) {
    const first = example[0];
    return first === undefined ? { type: 'array' } : { type: 'array', items: schemaFromExample(first) };
  }
  switch (typeof example) {
    case 'string': {
      const format = stringFormat(example);
      return format ? { type: 'string', format } : { type: 'string' };
    }
    case 'number':
      return { type: Number.isInteger(example) ? 'integer' : 'number' };
    case 'boolean':
      return { type: 'boolean' };
    default: {
      const properties: JsonObject = {};
      for (const [k, v] of Object.entries(example)) properties[k] = schemaFromExample(v);
      return { type: 'object', required: Object.keys(example), properties };
    }
  }
}
