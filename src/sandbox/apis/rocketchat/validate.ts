type Rule = { key: string; type: 'string' | 'boolean' };

/** In the order Rocket.Chat's schema lists them, so each "required property" message is reachable. */
const CREATE_RULES: Rule[] = [
  { key: 'name', type: 'string' },
  { key: 'active', type: 'boolean' },
  { key: 'redirectUri', type: 'string' },
];

/**
 * The first problem with an oauth-apps.create body, worded like the ajv message
 * Rocket.Chat puts before ` [invalid-params]`; undefined when the body is valid.
 */
export function validateCreateBody(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'must be object';
  const b = body as Record<string, unknown>;
  for (const rule of CREATE_RULES) {
    if (!(rule.key in b)) return `must have required property '${rule.key}'`;
  }
  for (const rule of CREATE_RULES) {
    if (typeof b[rule.key] !== rule.type) return `must be ${rule.type}`;
  }
  const extra = Object.keys(b).find((k) => !CREATE_RULES.some((r) => r.key === k));
  if (extra) return 'must NOT have additional properties';
  return undefined;
}
