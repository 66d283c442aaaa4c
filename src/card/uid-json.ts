import { findNodeAtLocation } from 'jsonc-parser';
import type { StepRequest, UidField } from '../core/card.js';
import type { Diagnostic } from '../core/diagnostic.js';
import { isJsonObject } from '../core/json.js';
import type { ParsedJson } from './json-block.js';
import { parseEndpointRef } from './endpoint-ref.js';

/**
 * The JSON block of a UID Resolution section, keyed by field:
 * `{ "service_id": { "create_fresh": true, "create_endpoint": "POST /x", "create_body": {…}, "extract_from": "data.id", "cleanup_endpoint": "DELETE /x/{{resolved.service_id}}" } }`.
 */
export function parseUidJson(json: ParsedJson, file: string): { fields: UidField[]; diagnostics: Diagnostic[] } {
  const fields: UidField[] = [];
  const diagnostics: Diagnostic[] = [];
  if (!isJsonObject(json.value)) {
    const pos = json.positionOf(json.root);
    diagnostics.push({ ruleId: 'invalid-uid-block', severity: 'error', file, ...pos, message: 'the UID Resolution JSON block must be an object keyed by field name', hint: 'Write { "field": { "create_endpoint": "POST /path", "extract_from": "data.id" } }.' });
    return { fields, diagnostics };
  }
  for (const [name, entry] of Object.entries(json.value)) {
    const node = findNodeAtLocation(json.root, [name]);
    const at = node?.parent ? json.positionOf(node.parent) : json.positionOf(json.root);
    if (!isJsonObject(entry)) {
      diagnostics.push({ ruleId: 'invalid-uid-block', severity: 'error', file, ...at, message: `UID field "${name}" must be an object`, hint: 'Give the field create_endpoint/extract_from or source_endpoint/extract_from.' });
      continue;
    }
    const stepAt = (key: string, bodyKey?: string): StepRequest | undefined => {
      const raw = entry[key];
      if (typeof raw !== 'string') return undefined;
      const keyNode = findNodeAtLocation(json.root, [name, key]);
      const pos = keyNode ? json.positionOf(keyNode) : at;
      const endpoint = parseEndpointRef(raw, pos.line, pos.column);
      if (!endpoint) {
        diagnostics.push({ ruleId: 'invalid-endpoint', severity: 'error', file, ...pos, message: `${key} of "${name}" is "${raw}", not METHOD /path`, hint: 'Write it as e.g. "POST /platform/v1/apps".' });
        return undefined;
      }
      const bodyNode = bodyKey ? findNodeAtLocation(json.root, [name, bodyKey]) : undefined;
      const placeholders = [...(keyNode ? json.placeholders(keyNode) : []), ...(bodyNode ? json.placeholders(bodyNode) : [])];
      const body = bodyKey !== undefined ? entry[bodyKey] : undefined;
      return { endpoint, body: body ?? undefined, placeholders, ...pos };
    };
    const extractFrom = typeof entry.extract_from === 'string' ? entry.extract_from : '';
    const create = entry.create_fresh === true ? stepAt('create_endpoint', 'create_body') : undefined;
    const lookup = stepAt('source_endpoint');
    const cleanup = stepAt('cleanup_endpoint');
    const source: UidField['source'] = create
      ? { kind: 'create', create, extractFrom }
      : lookup
        ? { kind: 'lookup', lookup, extractFrom }
        : { kind: 'external', description: typeof entry.description === 'string' ? entry.description : 'not stated' };
    fields.push({
      name,
      ...at,
      source,
      cleanup,
      cleanupNote: typeof entry.cleanup_note === 'string' ? entry.cleanup_note : undefined,
    });
  }
  return { fields, diagnostics };
}

/** The table declares, the JSON block refines: where both describe a field, the JSON wins. */
export function mergeUidFields(fromTable: UidField[], fromJson: UidField[]): UidField[] {
  const merged = new Map(fromTable.map((f) => [f.name, f]));
  for (const f of fromJson) {
    const t = merged.get(f.name);
    merged.set(f.name, t ? { ...t, ...f, notes: f.notes ?? t.notes, cleanupNote: f.cleanupNote ?? (f.cleanup ? undefined : t.cleanupNote), cleanup: f.cleanup ?? (f.cleanupNote ? undefined : t.cleanup) } : f);
  }
  return [...merged.values()];
}
