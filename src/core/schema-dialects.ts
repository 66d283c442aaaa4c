/** The JSON Schema dialects cardcheck validates with, by the `$schema` URIs that name them. */
export const SCHEMA_DIALECTS = {
  'draft-07': ['http://json-schema.org/draft-07/schema', 'https://json-schema.org/draft-07/schema'],
  '2019-09': ['https://json-schema.org/draft/2019-09/schema', 'http://json-schema.org/draft/2019-09/schema'],
  '2020-12': ['https://json-schema.org/draft/2020-12/schema', 'http://json-schema.org/draft/2020-12/schema'],
} as const;

export type SchemaDialect = keyof typeof SCHEMA_DIALECTS;

/**
 * The dialect a schema's `$schema` names (draft-07 when it names none), or
 * undefined when it names one cardcheck cannot validate with: such a schema
 * is refused when the card is read, never skipped.
 */
export function schemaDialect(schema: { $schema?: unknown }): SchemaDialect | undefined {
  const uri = schema.$schema;
  if (uri === undefined) return 'draft-07';
  if (typeof uri !== 'string') return undefined;
  const bare = uri.replace(/#$/, '');
  for (const [dialect, uris] of Object.entries(SCHEMA_DIALECTS) as [SchemaDialect, readonly string[]][])
    if (uris.includes(bare)) return dialect;
  return undefined;
}
