import type { CoverageRow, LeftBehind } from '../../core/result.js';
import { formatCoverageLine } from '../summary-text.js';
import type { Raw } from './escape-html.js';
import { html } from './escape-html.js';

function statusChips(row: CoverageRow): Raw {
  const all = [...new Set([...row.documented, ...row.exercised])].sort((a, b) => a - b);
  return html`${all.map((s) => {
    const documented = row.documented.includes(s);
    const exercised = row.exercised.includes(s);
    const cls = documented && exercised ? 'hit' : documented ? 'miss' : 'extra';
    const title =
      documented && exercised
        ? 'documented and exercised'
        : documented
          ? 'documented, not exercised by a passing card'
          : 'exercised, not documented';
    return html`<span class="chip chip-${cls}" title="${title}">${s}</span> `;
  })}`;
}

/** Per endpoint: documented statuses against those a passing card exercised, and endpoints whose cards were all skipped. */
export function renderCoverage(rows: readonly CoverageRow[]): Raw {
  if (rows.length === 0) return html``;
  return html`<section id="coverage"><h2>Coverage</h2><p>${formatCoverageLine(rows)}</p>
<p class="legend muted"><span class="chip chip-hit">200</span> documented and exercised <span class="chip chip-miss">404</span> documented, not exercised <span class="chip chip-extra">500</span> exercised, not documented</p>
<table class="coverage"><thead><tr><th>API</th><th>endpoint</th><th>statuses</th><th>exercised</th><th>note</th></tr></thead><tbody>
${rows.map((r) => {
  const hit = r.documented.filter((s) => r.exercised.includes(s)).length;
  return html`<tr${r.skippedOnly ? html` class="skipped-only"` : ''}><td>${r.api}</td><td><code>${r.endpoint}</code></td><td>${statusChips(r)}</td><td>${hit} of ${r.documented.length}</td><td>${r.skippedOnly ? html`only skipped: ${r.skippedOnly.join('; ')}` : ''}</td></tr>\n`;
})}</tbody></table></section>`;
}

export function renderLeftBehind(left: readonly LeftBehind[]): Raw {
  return html`<section id="left-behind"><h2>Left behind on the target</h2>${
    left.length === 0
      ? html`<p class="muted">Nothing: every resource the run created was removed.</p>`
      : html`<table><thead><tr><th>created by</th><th>id</th><th>card</th><th>reason</th></tr></thead><tbody>${left.map((l) => html`<tr><td><code>${l.createdBy}</code></td><td><code>${l.field}=${l.id}</code></td><td><code>${l.file}</code></td><td>${l.reason}</td></tr>`)}</tbody></table>`
  }</section>`;
}
