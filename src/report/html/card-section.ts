import type { CardResult, CheckResult } from '../../core/result.js';
import { failureLocations, requestsNotKept } from '../failure-text.js';
import { formatDiagnostic, shownDiagnostics } from '../format-diagnostic.js';
import type { Raw } from './escape-html.js';
import { html } from './escape-html.js';
import { renderExchange } from './exchange-section.js';

/** `12:5`: where a failed card's first failed expectation is written. */
const failurePlace = (card: CardResult) => {
  const [first] = failureLocations(card);
  return first ? `${first.line}:${first.column}` : String(card.line);
};

const LABEL = { passed: 'passed', failed: 'failed', flaky: 'flaky', skipped: 'skipped', errored: 'errored' } as const;

function checkRow(c: CheckResult): Raw {
  const cls =
    c.off !== undefined ? 'check-off' : c.warning ? 'check-warning' : c.passed ? 'check-passed' : 'check-failed';
  const mark = c.off !== undefined ? '○' : c.warning ? '⚠' : c.passed ? '✓' : '✗';
  // A standards check shows its rule and the clause it comes from.
  const path = c.kind === 'standard' ? `${c.rule ?? c.path ?? ''} (${c.clause ?? ''})` : (c.path ?? '');
  return html`<tr class="${cls}"><td>${mark} ${c.kind}</td><td><code>${path}</code></td><td><code>${c.expected}</code></td><td><code>${c.actual}</code></td><td>${c.message}</td></tr>`;
}

function checksTable(checks: readonly CheckResult[]): Raw {
  if (checks.length === 0) return html``;
  return html`<table class="checks"><thead><tr><th>check</th><th>path</th><th>expected</th><th>found</th><th>message</th></tr></thead><tbody>${checks.map(checkRow)}</tbody></table>`;
}

/** The text the search box matches: what a person would type to find the card. */
export function searchTextOf(card: CardResult): string {
  return [
    card.endpoint,
    card.title,
    card.file,
    card.id,
    card.domain,
    card.api,
    card.reason,
    ...card.tags,
    ...card.checks.filter((c) => !c.passed).map((c) => `${c.path ?? ''} ${c.message}`),
  ]
    .join(' ')
    .toLowerCase();
}

/** A failed browser flow's screenshot and traces, linked relative to the report (they sit under browser/ beside it). */
function browserLinks(card: CardResult): Raw | '' {
  const saved = card.browserArtefacts;
  if (!saved) return '';
  // Only the files a run writes (browser/<name>): a results.json from elsewhere cannot make a javascript: link.
  const ours = (f: string | undefined) => (f && /^browser\/[\w.-]+$/.test(f) ? f : undefined);
  const shot = ours(saved.screenshot);
  const traces = (saved.traces ?? []).filter((t) => ours(t));
  return html`<h4>Browser</h4><ul class="browser-artefacts">${shot ? html`<li><a href="${shot}">screenshot</a> of the page where the flow failed (typed values masked)</li>` : ''}${traces.map((t) => html`<li><a href="${t}">trace</a> (<code>npx playwright show-trace ${t}</code>)</li>`)}</ul>`;
}

function body(card: CardResult): Raw {
  const { shown: errors, more } = shownDiagnostics(card.diagnostics.filter((d) => d.severity === 'error'));
  return html`<div class="card-body">
<dl class="meta"><dt>file</dt><dd><code>${card.file}:${card.line}</code></dd><dt>id</dt><dd>${card.id}</dd><dt>API</dt><dd>${card.api || '—'}</dd><dt>domain</dt><dd>${card.domain || '—'}</dd><dt>tags</dt><dd>${card.tags.length ? card.tags.join(', ') : '—'}</dd><dt>duration</dt><dd>${card.durationMs} ms</dd></dl>
${card.outcome === 'skipped' ? html`<p class="skip-reason"><strong>Skip reason:</strong> ${card.reason}</p>` : ''}
${card.outcome === 'errored' ? html`<div class="problem"><h4>Error</h4>${errors.length ? html`<pre class="diagnostic">${errors.map((d) => `${formatDiagnostic(d).join('\n')}\n`)}${more ? `${more} (all are in results.json)\n` : ''}</pre>` : html`<p>${card.reason}</p>`}</div>` : ''}
${browserLinks(card)}
${card.checks.length ? html`<h4>Checks</h4>${checksTable(card.checks)}` : ''}
${card.attempts.length > 1 ? html`<h4>Attempts</h4><ol class="attempts">${card.attempts.map((a) => html`<li class="attempt-${a.outcome}">${a.outcome}${a.reason ? html` — ${a.reason}` : ''} <span class="muted">${a.durationMs} ms</span></li>`)}</ol>` : ''}
${card.requests.length ? html`<h4>Requests</h4>${card.requests.map(renderExchange)}` : ''}
${card.requestsKept === false ? html`<h4>Requests</h4><p class="muted not-kept">${requestsNotKept(card)}</p>` : ''}
${card.leftBehind.length ? html`<h4>Left behind</h4><ul>${card.leftBehind.map((l) => html`<li><code>${l.createdBy}</code> ${l.field}=${l.id}: ${l.reason}</li>`)}</ul>` : ''}
</div>`;
}

/** One card: a collapsed row (outcome, endpoint, title, file, reason) that expands to its details. */
export function renderCard(card: CardResult): Raw {
  const tags = card.tags.map((t) => ` ${t} `).join('');
  return html`<details class="card outcome-${card.outcome}" data-outcome="${card.outcome}" data-domain="${card.domain}" data-tags="${tags}" data-search="${searchTextOf(card)}">
<summary><span class="badge badge-${card.outcome}">${LABEL[card.outcome]}</span> <span class="endpoint">${card.endpoint || '(no endpoint)'}</span> <span class="title">${card.title}</span> <span class="file muted">${card.file}:${card.outcome === 'failed' ? failurePlace(card) : card.line}</span> <span class="muted">${card.durationMs} ms</span>${card.reason && card.outcome !== 'passed' ? html`<div class="reason">${card.reason}</div>` : ''}</summary>
${body(card)}
</details>`;
}
