/** The OAuth endpoints a standards pack exists for. */
export const ENDPOINT_KINDS = [
  'token',
  'authorization',
  'revocation',
  'introspection',
  'registration',
  'discovery',
  'protected-resource',
] as const;

export type EndpointKind = (typeof ENDPOINT_KINDS)[number];

/** What `endpointKind:` may say: a pack, or `none` for a card no pack must check. */
export type DeclaredKind = EndpointKind | 'none';

export const isDeclaredKind = (v: unknown): v is DeclaredKind =>
  v === 'none' || (ENDPOINT_KINDS as readonly unknown[]).includes(v);

/**
 * How an API's standards findings count (config `apis.<name>.standards`, `--standards`): `error` fails the card on
 * a broken MUST (a broken SHOULD is a warning), `warn` shows every finding as a warning, `off` runs no pack.
 */
export type StandardsLevel = 'error' | 'warn' | 'off';

export const STANDARDS_LEVELS: readonly StandardsLevel[] = ['error', 'warn', 'off'];

/** A rule a card switches off (front-matter `standards: { off: [{ rule, reason }] }`), with where it says so. */
export interface SwitchedOff {
  rule: string;
  reason: string;
  line: number;
}

/** The standards settings of one API in the config (`apis:`). */
export interface ApiStandards {
  standards?: StandardsLevel;
  endpointKind?: DeclaredKind;
  line: number;
}
