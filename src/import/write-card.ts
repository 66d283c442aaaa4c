import type { JsonValue } from '../core/json.js';
import { isJsonObject } from '../core/json.js';
import { SECRET_KEY } from '../core/redact.js';
import { cardPath } from './openapi-uid.js';
import { envName } from './openapi-values.js';
import type { OpenApiExtras, VendorEndpoint } from './vendor-page.js';

/** The page's example body, with every value under a secret-looking key taken from the environment instead. */
function withoutSecrets(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (!isJsonObject(value)) return value;
  const out: { [k: string]: JsonValue } = {};
  for (const [k, v] of Object.entries(value))
    out[k] =
      typeof v === 'string' && SECRET_KEY.test(k) && !v.includes('{{') ? `{{env.${envName(k)}}}` : withoutSecrets(v);
  return out;
}

/** The Request Template of a drafted card: what the page or document gives of a request. */
type RequestDraft = { [K in 'method' | 'path' | 'auth' | 'cleanup_note']?: string } & {
  [K in 'query' | 'headers' | 'basic' | 'body' | 'form' | 'cleanup']?: JsonValue;
};

/** The request: method, path, credentials, required parameters, the example body (secrets from the environment), its cleanup. */
function requestOf(e: VendorEndpoint, x: OpenApiExtras | undefined, profile: string | undefined): RequestDraft {
  const request: RequestDraft = { method: e.method, path: cardPath(e.path) };
  if (x?.auth ?? profile) request.auth = x?.auth ?? profile;
  if (x?.query) request.query = x.query;
  // A page's header parameters: the config profile that sends them, else each from the environment (a document's
  // come valued in `x.headers`).
  const listed = profile || x ? [] : e.headers;
  const headers = { ...x?.headers, ...Object.fromEntries(listed.map((h) => [h, `{{env.${envName(h)}}}`])) };
  if (Object.keys(headers).length) request.headers = headers;
  if (x?.basic) request.basic = x.basic;
  if (x?.form) request.form = withoutSecrets(x.form);
  else if (e.body !== undefined) request.body = withoutSecrets(e.body);
  if (x?.cleanup !== undefined) request.cleanup = x.cleanup;
  if (x?.cleanupNote) request.cleanup_note = x.cleanupNote;
  return request;
}

const fence = (value: JsonValue) => ['```json', JSON.stringify(value, null, 2), '```'];

const pageNote = (from: string, e: VendorEndpoint) =>
  `Imported from \`${from}\`${e.source ? ` (${e.source})` : ''} by \`cardcheck import\`. Review before running: the request uses the page's example values${e.body === undefined ? ' (the page shows no request body)' : ''}, and values marked \`{{env.…}}\` come from the environment.`;

function openApiNote(from: string, e: VendorEndpoint, x: OpenApiExtras): string {
  const creds = [...new Set(x.credentials.map((c) => c.name))];
  return `Imported from \`${from}\`${e.source ? ` (${e.source})` : ''} by \`cardcheck import\`: required parameters and body fields take the document's examples, defaults and enums, else generated values${creds.length ? `; credentials come from ${creds.map((c) => `\`${c}\``).join(', ')}` : ''}. Values marked TODO are the author's to set.`;
}

/**
 * A card drafted from a vendor page: front-matter, the request with the page's
 * example body (secrets from the environment), the first documented success
 * status as the expectation, and every example response, which cardcheck
 * reads as a schema per status. `from` is the page's file, for the note;
 * `api` names the config's API the card calls (else its folder's); `profile`
 * the config's auth profile that sends the header parameters the page lists.
 */
export function writeCard(e: VendorEndpoint, from: string, today: string, api?: string, profile?: string): string {
  const x = e.openapi;
  const path = cardPath(e.path);
  const request = requestOf(e, x, profile);
  const success = e.expectStatus ?? e.responses.find((r) => r.status >= 200 && r.status < 300)?.status;
  // The endpoint as the document writes it (`{petId}`): the same segment as the request's placeholder.
  const frontMatter = ['---', `endpoint: ${e.method} ${/[\s#]/.test(e.path) ? path : e.path}`];
  if (x?.domain) frontMatter.push(`domain: ${/^[\w-]+$/.test(x.domain) ? x.domain : JSON.stringify(x.domain)}`);
  if (api) frontMatter.push(`api: ${api}`);
  if (e.needsPerson) frontMatter.push('status: skip', `skipReason: ${JSON.stringify(e.needsPerson)}`);
  else frontMatter.push('status: success');
  frontMatter.push('tags: [imported]', `savedAt: ${today}`, '---');
  const lines = [
    ...frontMatter,
    `# ${e.title}`,
    '',
    x ? openApiNote(from, e, x) : pageNote(from, e),
    '',
    ...(x?.uid ? ['## UID Resolution Procedure', '', ...fence(x.uid), ''] : []),
    '## Request Template',
    '',
    ...fence(request as JsonValue),
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
