import type { EndpointKind } from '../core/endpoint-kind.js';
import { DISCOVERY_RULES } from './rules-discovery.js';
import { ENDPOINT_RULES } from './rules-endpoints.js';
import { FOLLOW_UP_RULES } from './rules-followups.js';
import { TOKEN_RULES } from './rules-token.js';

/**
 * One requirement of an OAuth RFC that a pack checks on a response. The requirement and the fix are our own
 * words; `clause` is where the RFC says it. `must` rules fail the card (at level `error`); `should` rules warn.
 */
export interface StandardRule {
  id: string;
  /** The packs that run it; error-response rules are shared by several. */
  packs: readonly EndpointKind[];
  clause: string;
  strength: 'must' | 'should';
  /** One sentence: what a conforming server does. */
  requirement: string;
  /** How to fix the server. */
  fix: string;
  /** Checked by sending one more request after the card's (only where the target allows mutations). */
  followUp?: true;
}

/** Every rule, by pack; docs/standards.md is generated from this list (scripts/standards-doc.ts). */
export const STANDARD_RULES: readonly StandardRule[] = [
  ...TOKEN_RULES,
  ...ENDPOINT_RULES,
  ...DISCOVERY_RULES,
  ...FOLLOW_UP_RULES,
];

const BY_ID = new Map(STANDARD_RULES.map((r) => [r.id, r]));

export const ruleById = (id: string): StandardRule | undefined => BY_ID.get(id);

/** The rules a pack runs, in registry order. */
export const rulesOf = (kind: EndpointKind): StandardRule[] => STANDARD_RULES.filter((r) => r.packs.includes(kind));
