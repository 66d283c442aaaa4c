import type { CardResult, Outcome, RunResult } from '../../core/result.js';
import type { ReportCards } from '../report-cards.js';
import { heldCards } from '../report-cards.js';
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

/**
 * What the page states about the cards before listing them (domains and tags to
 * filter by), and the order it lists them in: failing cards first, then the
 * rest, each outcome in run order. Built one card at a time (`add`), so a
 * streamed run keeps positions and the filter values only.
 */
export class HtmlCardIndex {
  count = 0;
  readonly domains = new Set<string>();
  readonly tags = new Set<string>();
  private readonly byOutcome: Record<Outcome, number[]> = {
    failed: [],
    errored: [],
    flaky: [],
    skipped: [],
    passed: [],
  };

  add(card: CardResult, position: number): void {
    this.count += 1;
    if (card.domain) this.domains.add(card.domain);
    for (const t of card.tags) this.tags.add(t);
    this.byOutcome[card.outcome].push(position);
  }

  /** Positions in the order the page lists the cards. */
  *order(): Generator<number> {
    for (const o of OUTCOMES) yield* this.byOutcome[o];
  }

  static of(cards: readonly CardResult[]): HtmlCardIndex {
    const index = new HtmlCardIndex();
    cards.forEach((c, i) => {
      index.add(c, i);
    });
    return index;
  }
}

function filters(run: RunResult, index: HtmlCardIndex): Raw {
  const domains = [...index.domains].sort();
  const tags = [...index.tags].sort();
  return html`<div class="filters" role="search">
${OUTCOMES.map((o) => html`<label><input type="checkbox" name="outcome" value="${o}" checked> ${o} (${run.summary[o]})</label>`)}
<label>domain <select id="filter-domain"><option value="">all domains</option>${domains.map((d) => html`<option value="${d}">${d}</option>`)}</select></label>
<label>tag <select id="filter-tag"><option value="">all tags</option>${tags.map((t) => html`<option value="${t}">${t}</option>`)}</select></label>
<input type="search" id="search" placeholder="Search endpoint, title, file, reason…" aria-label="Search cards">
<span class="muted"><span id="shown-count">${index.count}</span> of ${index.count} cards shown</span>
<button type="button" id="expand-all">Expand all</button> <button type="button" id="collapse-all">Collapse all</button>
</div>`;
}

/**
 * The HTML report in pieces (the page up to the cards, each card, the rest),
 * the text toHtmlReport returns: `index` orders the cards, read one at a time from `cards`.
 */
export function* htmlReportChunks(run: RunResult, index: HtmlCardIndex, cards: ReportCards): Generator<string> {
  yield html`<!doctype html>
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
${filters(run, index)}
`.html;
  for (const at of index.order()) yield renderCard(cards.at(at)).html;
  yield html`
<p id="no-match" class="muted" hidden>No card matches these filters.</p>
</section>
${renderCoverage(run.coverage)}
${renderLeftBehind(run.leftBehind)}
</main>
<script>${new Raw(REPORT_JS)}</script>
</body>
</html>
`.html;
}

/**
 * The HTML report: one self-contained file (inline CSS and script, no
 * network), with the summary, filters by outcome, domain and tag, a search,
 * every card with its checks and redacted requests, coverage and what was
 * left behind. Every value from the run is escaped. Failing cards come first,
 * then the rest in run order: what a person opens the report for. Pure: a
 * function of the run model only.
 */
export function toHtmlReport(run: RunResult): string {
  return [...htmlReportChunks(run, HtmlCardIndex.of(run.cards), heldCards(run.cards))].join('');
}
