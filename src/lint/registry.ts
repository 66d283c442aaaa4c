import type { CardRule, ProjectRule } from './rule.js';
import { duplicateCard } from './rules/duplicate-card.js';
import { endpointMismatch } from './rules/endpoint-mismatch.js';
import { headerNotAllowed } from './rules/header-not-allowed.js';
import { invalidDate } from './rules/invalid-date.js';
import { pathEscapesTarget } from './rules/path-escapes-target.js';
import { requestWithoutCleanup } from './rules/request-without-cleanup.js';
import { skipWithoutReason } from './rules/skip-without-reason.js';
import { todoValue } from './rules/todo-value.js';
import { unclosedFence } from './rules/unclosed-fence.js';
import { unknownFrontMatterKey } from './rules/unknown-front-matter-key.js';
import { unknownStandardsRule } from './rules/unknown-standards-rule.js';
import { unknownStatus } from './rules/unknown-status.js';
import { unsupportedPattern } from './rules/unsupported-pattern.js';

export const CARD_RULES: CardRule[] = [
  unknownStatus,
  skipWithoutReason,
  invalidDate,
  unknownFrontMatterKey,
  unclosedFence,
  endpointMismatch,
  pathEscapesTarget,
  headerNotAllowed,
  requestWithoutCleanup,
  unsupportedPattern,
  unknownStandardsRule,
  todoValue,
];
export const PROJECT_RULES: ProjectRule[] = [duplicateCard];
