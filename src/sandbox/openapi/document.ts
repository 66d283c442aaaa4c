/** An OpenAPI 3 document as plain JSON: what `GET <api base>/openapi.json` serves. */
export type OpenApiDocument = { readonly [key: string]: unknown };

/** A JSON response with a schema, for a `responses` entry. */
export const json = (description: string, schema: unknown) => ({
  description,
  content: { 'application/json': { schema } },
});

/** An HTML page response (vcita's consent and error pages). */
export const html = (description: string) => ({
  description,
  content: { 'text/html': { schema: { type: 'string' } } },
});

/** A request body offered as JSON and as an HTML form, with the same schema. */
export const jsonOrForm = (schema: unknown) => ({
  required: true,
  content: { 'application/json': { schema }, 'application/x-www-form-urlencoded': { schema } },
});

/** A path parameter. */
export const pathParam = (name: string, schema: unknown = { type: 'string' }) => ({
  name,
  in: 'path',
  required: true,
  schema,
});
