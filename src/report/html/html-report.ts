import type { Outcome, RunResult } from '../../core/result.js';
import { formatSummaryLine } from '../summary-text.js';
import { renderCard } from './card-section.js';
import { renderCoverage, renderLeftBehind } from './coverage-section.js';
import { html, Raw } from './escape-html.js';
import { REPORT_JS } from './report-script.js';
import { REPORT_CSS } from './report-style.js';

const OUTCOMES: Outcome[] = ['failed', 'errored', 'flaky', 'skipped', 'passed'];

function header(run: RunResult): Raw {
  const s = run.summary;
  const shard = run.shard
    ? `shard ${run.shard.index}/${run.shard.total}`
    : run.mergedFrom
      ? `merged from ${run.mergedFrom.length} shards (seeds ${run.mergedFrom.map((m) => m.seed).join(', ')})`
      : '';
  return html`<header>
<h1>cardcheck report</h1>
<div id="summary-line">${formatSummaryLine(s)}</div>
<div class="muted">target <code>${run.target}</code> · started ${run.startedAt} · faker seed ${run.seed} · run ${run.runId}${shard ? ` · ${shard}` : ''}</div>
<div class="tiles">${[html`<div class="tile"><b>${s.total}</b>cards</div>`, ...OUTCOMES.map((o) => html`<div class="tile tile-${o}"><b>${s[o]}</b>${o}</div>`)]}<div class="tile"><b>${s.durationMs}</b>ms</div></div>
${run.aborted ? html`<div class="aborted"><strong>The run stopped early (${run.aborted.kind}):</strong> ${run.aborted.message}</div>` : ''}
</header>`;
}

function filters(run: RunResult): Raw {
  const domains = [...new Set(run.cards.map((c) => c.domain).filter(Boolean))].sort();
  const tags = [...new Set(run.cards.flatMap((c) => c.tags))].sort();
  return html`<div class="filters" role="search">
${OUTCOMES.map((o) => html`<label><input type="checkbox" name="outcome" value="${o}" checked> ${o} (${run.summary[o]})</label>`)}
<label>domain <select id="filter-domain"><option value="">all domains</option>${domains.map((d) => html`<option value="${d}">${d}</option>`)}</select></label>
<label>tag <select id="filter-tag"><option value="">all tags</option>${tags.map((t) => html`<option value="${t}">${t}</option>`)}</select></label>
<input type="search" id="search" placeholder="Search endpoint, title, file, reason…" aria-label="Search cards">
<span class="muted"><span id="shown-count">${run.cards.length}</span> of ${run.cards.length} cards shown</span>
<button type="button" id="expand-all">Expand all</button> <button type="button" id="collapse-all">Collapse all</button>
</div>`;
}

/**
 * The HTML report: one self-contained file (inline CSS and script, no
 * network), with the summary, filters by outcome, domain and tag, a search,
 * every card with its checks and redacted requests, coverage and what was
 * left behind. Every value from the run is escaped. Pure: a function of the
 * run model only.
 */
export function toHtmlReport(run: RunResult): string {
  // Failing cards first, then the rest in run order: what a person opens the report for.
  const rank = (o: Outcome) => OUTCOMES.indexOf(o);
  const cards = run.cards
    .map((c, i) => ({ c, i }))
    .sort((a, b) => rank(a.c.outcome) - rank(b.c.outcome) || a.i - b.i)
    .map((x) => x.c);
  const page = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>cardcheck: ${formatSummaryLine(run.summary)}</title>
<style>${new Raw(REPORT_CSS)}</style>
</head>
<body>
${header(run)}
<main>
<section id="cards"><h2>Cards</h2>
${filters(run)}
${cards.map(renderCard)}
<p id="no-match" class="muted" hidden>No card matches these filters.</p>
</section>
${renderCoverage(run.coverage)}
${renderLeftBehind(run.leftBehind)}
</main>
<script>${new Raw(REPORT_JS)}</script>
</body>
</html>
`;
  return page.html;
}
