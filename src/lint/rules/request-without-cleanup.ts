import { isTokenRequest, mayCreate } from '../../core/request.js';
import type { CardRule } from '../rule.js';

/**
 * A card whose request may create something (POST or PUT, not a token request) and says nothing about undoing it:
 * no cleanup, no `"cleanup": null`. At run time a response showing a new resource (201, Location) is listed as
 * maybe left behind; this says so before anything is sent.
 */
export const requestWithoutCleanup: CardRule = {
  id: 'request-without-cleanup',
  check({ card, file }) {
    const r = card?.request;
    if (!r || card.frontMatter.status === 'skip' || !mayCreate(r)) return [];
    if (r.cleanup || r.noCleanup !== undefined || isTokenRequest(r)) return [];
    return [
      {
        ruleId: 'request-without-cleanup',
        severity: 'warning',
        file,
        line: r.line,
        column: r.column,
        message: `the request sends ${r.method} ${r.path} and declares no cleanup: if it creates something, it stays on the target`,
        hint: 'Add a "cleanup" to the request (e.g. "DELETE /apps/{{response.data.id}}") or a Teardown section; write "cleanup": null with a "cleanup_note" when it creates nothing.',
      },
    ];
  },
};
