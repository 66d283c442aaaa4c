import type { JsonValue } from '../core/json.js';
import { isJsonObject } from '../core/json.js';
import { SECRET_KEY } from '../core/redact.js';
import type { RequestShape } from '../core/request.js';
import type { VendorEndpoint } from './vendor-page.js';

/** `client_secret` → `CLIENT_SECRET`, `X-Auth-Token` → `X_AUTH_TOKEN`. */
const envName = (key: string) =>
  key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_|_$/g, '')
    .toUpperCase();

/** The page's example body, with every value under a secret-looking key taken from the environment instead. */
function withoutSecrets(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (!isJsonObject(value)) return value;
  const out: { [k: string]: JsonValue } = {};
  for (const [k, v] of Object.entries(value))
    out[k] = typeof v === 'string' && SECRET_KEY.test(k) ? `{{env.${envName(k)}}}` : withoutSecrets(v);
  return out;
}

/** `/apps/{id}` and `/apps/:id` → `/apps/{{resolved.id}}`: a value the card must declare how to obtain. */
const cardPath = (path: string) =>
  path.replace(
    /\{([A-Za-z_]\w*)\}|:([A-Za-z_]\w*)/g,
    (_m, a: string | undefined, b: string | undefined) => `{{resolved.${a ?? b}}}`,
  );

/** The Request Template of a drafted card: what the page gives of a request. */
type RequestDraft = Pick<RequestShape, 'method' | 'path' | 'headers' | 'body'>;

const fence = (value: JsonValue) => ['```json', JSON.stringify(value, null, 2), '```'];

/**
 * A card drafted from a vendor page: front-matter, the request with the page's
 * example body (secrets from the environment), the first documented success
 * status as the expectation, and every example response, which cardcheck
 * reads as a schema per status. `from` is the page's file, for the note;
 * `api` names the config's API the card calls (else its folder's).
 */
export function writeCard(e: VendorEndpoint, from: string, today: string, api?: string): string {
  const path = cardPath(e.path);
  const request: RequestDraft = { method: e.method, path };
  if (e.headers.length) request.headers = Object.fromEntries(e.headers.map((h) => [h, `{{env.${envName(h)}}}`]));
  if (e.body !== undefined) request.body = withoutSecrets(e.body);
  const success = e.expectStatus ?? e.responses.find((r) => r.status >= 200 && r.status < 300)?.status;
  const frontMatter = ['---', `endpoint: ${e.method} ${path}`];
  if (api) frontMatter.push(`api: ${api}`);
  if (e.needsPerson) frontMatter.push('status: skip', `skipReason: ${JSON.stringify(e.needsPerson)}`);
  else frontMatter.push('status: success');
  frontMatter.push('tags: [imported]', `savedAt: ${today}`, '---');
  const lines = [
    ...frontMatter,
    `# ${e.title}`,
    '',
    `Imported from \`${from}\`${e.source ? ` (${e.source})` : ''} by \`cardcheck import\`. Review before running: the request uses the page's example values${e.body === undefined ? ' (the page shows no request body)' : ''}, and values marked \`{{env.…}}\` come from the environment.`,
    '',
    '## Request Template',
    '',
    ...fence(request),
    '',
  ];
  if (success)
    lines.push(
      '## Expected Response',
      '',
      ...fence(e.expectSchema !== undefined ? { status: success, schema: e.expectSchema } : { status: success }),
      '',
    );
  if (e.responses.length) {
    lines.push('## Responses', '');
    for (const r of e.responses)
      lines.push(
        `**${r.status}${r.description ? ` ${r.description.replace(/\*/g, '')}` : ''}**`,
        '',
        ...fence(r.body),
        '',
      );
  }
  return lines.join('\n');
}
