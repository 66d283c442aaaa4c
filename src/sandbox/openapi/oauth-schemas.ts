/** Schemas of the sandbox's OAuth API description (`oauth.ts`): client metadata and server metadata. */

/** RFC 7591 client metadata, as `POST /register` and `PUT /register/{client_id}` take it. */
export const clientMetadata = {
  type: 'object',
  required: ['redirect_uris'],
  properties: {
    redirect_uris: { type: 'array', items: { type: 'string', format: 'uri' }, minItems: 1 },
    client_name: { type: 'string' },
    client_uri: { type: 'string', format: 'uri' },
    grant_types: {
      type: 'array',
      items: { type: 'string', enum: ['authorization_code', 'client_credentials', 'refresh_token'] },
      default: ['authorization_code', 'refresh_token'],
    },
    response_types: { type: 'array', items: { type: 'string' }, default: ['code'] },
    token_endpoint_auth_method: {
      type: 'string',
      enum: ['client_secret_basic', 'client_secret_post'],
      default: 'client_secret_basic',
    },
    scope: { type: 'string' },
  },
};
/** A registered client as the registration endpoints answer it, with `extra` properties, `required` among them. */
export const registered = (extra: Record<string, unknown>, required: string[]) => ({
  allOf: [
    clientMetadata,
    {
      type: 'object',
      required: ['client_id', 'client_id_issued_at', 'registration_client_uri', ...required],
      properties: {
        client_id: { type: 'string' },
        client_id_issued_at: { type: 'integer' },
        registration_client_uri: { type: 'string', format: 'uri' },
        registration_access_token: { type: 'string' },
        ...extra,
      },
    },
  ],
});
/** RFC 8414 authorization server metadata. */
export const serverMetadata = {
  type: 'object',
  required: [
    'issuer',
    'authorization_endpoint',
    'token_endpoint',
    'registration_endpoint',
    'revocation_endpoint',
    'introspection_endpoint',
    'jwks_uri',
    'response_types_supported',
    'code_challenge_methods_supported',
  ],
  properties: {
    issuer: { type: 'string', format: 'uri' },
    authorization_endpoint: { type: 'string', format: 'uri' },
    token_endpoint: { type: 'string', format: 'uri' },
    registration_endpoint: { type: 'string', format: 'uri' },
    revocation_endpoint: { type: 'string', format: 'uri' },
    introspection_endpoint: { type: 'string', format: 'uri' },
    jwks_uri: { type: 'string', format: 'uri' },
    scopes_supported: { type: 'array', items: { type: 'string' } },
    response_types_supported: { type: 'array', items: { type: 'string' } },
    grant_types_supported: { type: 'array', items: { type: 'string' } },
    token_endpoint_auth_methods_supported: { type: 'array', items: { type: 'string' } },
    code_challenge_methods_supported: { type: 'array', items: { type: 'string' } },
  },
};
