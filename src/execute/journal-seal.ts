import { randomUUID } from 'node:crypto';
import { replacePlaceholders } from '../card/placeholders.js';
import type { JsonValue } from '../core/json.js';
import { Redactor, SECRET_KEY } from '../core/redact.js';
import type { JournalCleanup } from './journal.js';
import type { SecretParts } from './recovery-store.js';

/** Which texts hold a secret: those the run's redactor tracks, and the values of secret-named fields. */
export interface SecretCheck {
  has(text: string): boolean;
  /** The text with each secret in it blanked. */
  scrub(text: string): string;
}

export function secretCheck(redactor: Redactor, fields: ReadonlyMap<string, unknown>): SecretCheck {
  const local = new Redactor();
  const short = new Set<string>();
  for (const [name, value] of fields)
    if (SECRET_KEY.test(name) && (typeof value === 'string' || typeof value === 'number')) {
      local.add(String(value));
      if (String(value).length > 0) short.add(String(value));
    }
  const scrub = (text: string) => local.redact(redactor.redact(text));
  return { has: (text) => short.has(text) || scrub(text) !== text, scrub };
}

/** A label for a resource id that is itself a secret: random, so nothing can be tested against it. */
export function secretLabel(): string {
  return `secret-${randomUUID().replace(/-/g, '').slice(0, 12)}`;
}

/** A header template made of `{{env.NAME}}` placeholders and plain text only: kept as written, read again at cleanup. */
function envOnly(template: string | undefined): boolean {
  if (template === undefined || !/\{\{|<</.test(template)) return false;
  let only = true;
  replacePlaceholders(template, (expr) => {
    if (!expr.startsWith('env.')) only = false;
    return '';
  });
  return only;
}

function scrubJson(value: JsonValue, check: SecretCheck): JsonValue {
  if (typeof value === 'string') return check.scrub(value);
  if (Array.isArray(value)) return value.map((v) => scrubJson(v, check));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubJson(v, check)]));
  return value;
}

/** Split a record into what the journal may hold and the secret values it may not. */
function sealRecord(
  rec: Readonly<Record<string, string>> | undefined,
  check: SecretCheck,
  byName: boolean,
): { kept?: Record<string, string>; secret?: Record<string, string> } {
  if (!rec) return {};
  const kept: Record<string, string> = {};
  const secret: Record<string, string> = {};
  for (const [k, v] of Object.entries(rec)) {
    if ((byName && SECRET_KEY.test(k)) || check.has(v)) secret[k] = v;
    else kept[k] = v;
  }
  return { kept, ...(Object.keys(secret).length ? { secret } : {}) };
}

/**
 * A rendered cleanup as the journal may hold it: secret values out (listed in
 * `needs`), and their values apart, for the run's memory and the opt-in
 * recovery store. Header templates that only read the environment are kept
 * as written (`envHeaders`): `cardcheck cleanup` fills them from its own env.
 */
export function sealCleanup(
  c: JournalCleanup,
  headerTemplates: Readonly<Record<string, string>>,
  check: SecretCheck,
): { sealed: JournalCleanup; parts?: SecretParts } {
  const needs: string[] = [];
  const parts: SecretParts = {};
  const envHeaders: Record<string, string> = {};
  const headers = sealRecord(c.headers, check, true);
  for (const name of Object.keys(headers.secret ?? {})) {
    const template = Object.entries(headerTemplates).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
    if (envOnly(template) && template) envHeaders[name] = template;
    else {
      needs.push(`the ${name} header`);
      parts.headers = { ...parts.headers, [name]: headers.secret?.[name] ?? '' };
    }
  }
  const query = sealRecord(c.query, check, true);
  for (const [k, v] of Object.entries(query.secret ?? {})) {
    needs.push(`query parameter ${k}`);
    parts.query = { ...parts.query, [k]: v };
  }
  const sealed: JournalCleanup = { ...c, headers: headers.kept, query: query.kept };
  if (check.has(c.path)) {
    needs.push('the path');
    parts.path = c.path;
    sealed.path = check.scrub(c.path);
  }
  if (c.body !== undefined && check.has(JSON.stringify(c.body))) {
    needs.push('the body');
    parts.body = c.body;
    sealed.body = scrubJson(c.body, check);
  }
  const form = sealRecord(c.form, check, true);
  if (form.secret) {
    needs.push('the form');
    parts.form = { ...c.form };
    sealed.form = form.kept;
  }
  if (Object.keys(envHeaders).length) sealed.envHeaders = envHeaders;
  if (needs.length === 0) return { sealed };
  return { sealed: { ...sealed, needs }, parts };
}
