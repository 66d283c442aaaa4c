/** The auth styles `cardcheck init` offers, each with the environment variables it needs and its config lines. */
export const AUTH_STYLES = ['none', 'bearer', 'basic', 'api-key', 'oauth2-client-credentials'] as const;

export type AuthStyle = (typeof AUTH_STYLES)[number];

export const isAuthStyle = (s: string): s is AuthStyle => (AUTH_STYLES as readonly string[]).includes(s);

/** One line per style, for prompts and --help. */
export const AUTH_STYLE_HELP: Record<AuthStyle, string> = {
  none: 'no credentials',
  bearer: 'Authorization: Bearer <API_TOKEN>',
  basic: 'HTTP Basic with API_USERNAME and API_PASSWORD',
  'api-key': 'an X-API-Key header with API_KEY',
  'oauth2-client-credentials': 'a token from the token endpoint with API_CLIENT_ID and API_CLIENT_SECRET',
};

/** The environment variables a style reads (listed, without values, in .env.example). */
export function envNames(style: AuthStyle): string[] {
  switch (style) {
    case 'none':
      return [];
    case 'bearer':
      return ['API_TOKEN'];
    case 'basic':
      return ['API_USERNAME', 'API_PASSWORD'];
    case 'api-key':
      return ['API_KEY'];
    case 'oauth2-client-credentials':
      return ['API_CLIENT_ID', 'API_CLIENT_SECRET'];
  }
}

/** The `auth:` profile of a style, as YAML lines under `auth:` (empty for none). */
export function profileLines(style: AuthStyle, name: string, tokenPath: string): string[] {
  const env = (n: string) => `"{{env.${n}}}"`;
  switch (style) {
    case 'none':
      return [];
    case 'bearer':
      return [`  ${name}:`, '    type: bearer', `    token: ${env('API_TOKEN')}`];
    case 'basic':
      return [
        `  ${name}:`,
        '    type: basic',
        `    username: ${env('API_USERNAME')}`,
        `    password: ${env('API_PASSWORD')}`,
      ];
    case 'api-key':
      return [`  ${name}:`, '    type: headers', '    headers:', `      X-API-Key: ${env('API_KEY')}`];
    case 'oauth2-client-credentials':
      return [
        `  ${name}:`,
        '    type: oauth2-client-credentials',
        `    tokenPath: ${tokenPath}`,
        `    clientId: ${env('API_CLIENT_ID')}`,
        `    clientSecret: ${env('API_CLIENT_SECRET')}`,
      ];
  }
}
