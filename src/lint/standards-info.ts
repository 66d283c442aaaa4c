import type { Card } from '../core/card.js';
import type { ApiStandards } from '../core/endpoint-kind.js';
import { cardStandards } from '../standards/card-standards.js';

const LEVEL_TEXT = {
  error: 'a broken MUST fails the card',
  warn: 'findings are warnings',
  off: 'switched off',
} as const;

/** One line per card a standards pack applies to: which pack, why, and at what level. Not a diagnostic. */
export interface StandardsInfo {
  file: string;
  line: number;
  message: string;
}

/**
 * What `cardcheck lint` says of each card's standards: `token pack (its form has grant_type), findings are warnings (config
 * apis.vcita.standards)`, and the rules the card switches off. Cards no pack applies to get no line.
 */
export function standardsInfo(
  cards: readonly { file: string; card?: Card; api?: string }[],
  apis: Readonly<Record<string, ApiStandards>> | undefined,
): StandardsInfo[] {
  const out: StandardsInfo[] = [];
  for (const { file, card, api } of cards) {
    if (!card?.request) continue;
    const s = cardStandards(card.frontMatter, api, card.request, { apis });
    if (!s.detection) continue;
    const off = s.off.length ? `; switched off: ${s.off.map((o) => o.rule).join(', ')}` : '';
    const level = LEVEL_TEXT[s.level];
    out.push({
      file,
      line: card.request.line,
      message: `${s.detection.kind} pack (${s.detection.why}), ${level} (${s.levelFrom})${off}`,
    });
  }
  return out;
}

/** `file:line:1 info standards-pack …`, as lint prints diagnostics. */
export const formatStandardsInfo = (i: StandardsInfo) => `${i.file}:${i.line}:1 info standards-pack ${i.message}`;
