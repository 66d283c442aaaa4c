import type { CardResult, RunResult } from '../../core/result.js';
import { folderOf } from '../card-folder.js';
import {
  describeProblem,
  failureLocations,
  formatAttempts,
  formatSwitchedOff,
  formatWarning,
} from '../failure-text.js';
import type { ReportCards } from '../report-cards.js';
import { heldCards } from '../report-cards.js';
import type { XmlElement } from './xml-tree.js';
import { closeTag, element, openTag, serializeAt, XML_DECLARATION } from './xml-tree.js';

const seconds = (ms: number) => (ms / 1000).toFixed(3);

function firstFailedKind(card: CardResult): string {
  return card.checks.find((c) => !c.passed && !c.warning)?.kind ?? 'failure';
}

/** `<failure>`, `<error>`, `<skipped>`, rerun and note elements for one card. */
function caseChildren(card: CardResult): XmlElement[] {
  const place = card.outcome === 'failed' ? failureLocations(card)[0] : undefined;
  const where = `at ${card.file}:${place ? `${place.line}:${place.column}` : card.line}`;
  const text = (lines: string[]) => [...lines, where].join('\n');
  switch (card.outcome) {
    case 'skipped':
      return [element('skipped', { message: card.reason })];
    case 'failed': {
      // Surefire's shape: the final failure, then each earlier attempt as a rerun.
      const reruns = card.attempts
        .slice(0, -1)
        .map((a, i) =>
          element('rerunFailure', { message: a.reason, type: a.outcome }, [`attempt ${i + 1}: ${a.reason}`]),
        );
      return [
        element('failure', { message: card.reason, type: firstFailedKind(card) }, [text(describeProblem(card))]),
        ...reruns,
      ];
    }
    case 'errored':
      return [
        element(
          'error',
          { message: card.reason, type: card.diagnostics.find((d) => d.severity === 'error')?.ruleId ?? 'error' },
          [text(describeProblem(card))],
        ),
      ];
    case 'flaky':
      // junit-10.xsd has no flakyFailure: a flaky card passes, with its attempts noted.
      return [
        element('system-out', {}, [
          ['flaky: failed, then passed on a retry', ...formatAttempts(card.attempts)].join('\n'),
        ]),
      ];
    default: {
      // A pass with warnings (status only, a field added since the recorded schema) keeps them where CI tools look.
      const warnings = [
        ...card.checks.filter((c) => c.warning).map(formatWarning),
        ...card.checks.filter((c) => c.off !== undefined).map(formatSwitchedOff),
      ];
      return warnings.length ? [element('system-out', {}, [warnings.join('\n')])] : [];
    }
  }
}

/** What the card left on the target (or may have), where CI tools show a test's error output. */
function leftBehind(card: CardResult): XmlElement[] {
  if (!card.leftBehind.length) return [];
  const lines = card.leftBehind.map((l) => `left behind: ${l.createdBy} ${l.field}=${l.id}: ${l.reason}`);
  return [element('system-err', {}, [lines.join('\n')])];
}

function testcase(card: CardResult): XmlElement {
  return element(
    'testcase',
    {
      name: card.title || card.endpoint || card.file,
      classname: folderOf(card.file),
      file: card.file,
      line: card.line,
      time: seconds(card.durationMs),
    },
    [...caseChildren(card), ...leftBehind(card)],
  );
}

function properties(run: RunResult): XmlElement {
  const props: [string, string][] = [
    ['target', run.target],
    ['runId', run.runId],
    ['seed', String(run.seed)],
    ...(run.shard ? ([['shard', `${run.shard.index}/${run.shard.total}`]] as [string, string][]) : []),
  ];
  return element(
    'properties',
    {},
    props.map(([name, value]) => element('property', { name, value })),
  );
}

/** One specs folder's cards, by their positions in the run's cards, with the counts its `<testsuite>` states. */
export interface JunitSuite {
  name: string;
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
  durationMs: number;
  positions: number[];
}

/**
 * The suites of a run, one per specs folder in the order folders first appear,
 * built one card at a time (`add`), so a streamed run keeps counts and positions only.
 */
export class JunitSuites {
  private readonly byFolder = new Map<string, JunitSuite>();

  add(card: CardResult, position: number): void {
    const name = folderOf(card.file);
    let suite = this.byFolder.get(name);
    if (!suite) {
      suite = { name, tests: 0, failures: 0, errors: 0, skipped: 0, durationMs: 0, positions: [] };
      this.byFolder.set(name, suite);
    }
    suite.tests += 1;
    if (card.outcome === 'failed') suite.failures += 1;
    if (card.outcome === 'errored') suite.errors += 1;
    if (card.outcome === 'skipped') suite.skipped += 1;
    suite.durationMs += card.durationMs;
    suite.positions.push(position);
  }

  get suites(): Iterable<JunitSuite> {
    return this.byFolder.values();
  }

  static of(cards: readonly CardResult[]): JunitSuites {
    const suites = new JunitSuites();
    cards.forEach((c, i) => {
      suites.add(c, i);
    });
    return suites;
  }
}

/**
 * junit.xml in pieces (one per suite tag and per card), the text toJunitXml
 * returns: `suites` say which cards go where, read one at a time from `cards`.
 */
export function* junitXmlChunks(run: RunResult, suites: JunitSuites, cards: ReportCards): Generator<string> {
  const s = run.summary;
  const root = element('testsuites', {
    name: 'cardcheck',
    tests: s.total,
    failures: s.failed,
    errors: s.errored,
    time: seconds(s.durationMs),
  });
  const list = [...suites.suites];
  if (list.length === 0) {
    yield `${XML_DECLARATION}\n${serializeAt(root, 0)}\n`;
    return;
  }
  yield `${XML_DECLARATION}\n${openTag(root, 0)}\n`;
  for (const suite of list) {
    const tag = element('testsuite', {
      name: suite.name,
      tests: suite.tests,
      failures: suite.failures,
      errors: suite.errors,
      skipped: suite.skipped,
      time: seconds(suite.durationMs),
      timestamp: run.startedAt,
    });
    yield `${openTag(tag, 1)}\n${serializeAt(properties(run), 2)}\n`;
    for (const at of suite.positions) yield `${serializeAt(testcase(cards.at(at)), 2)}\n`;
    yield `${closeTag(tag, 1)}\n`;
  }
  yield `${closeTag(root, 0)}\n`;
}

/**
 * JUnit XML as Jenkins, GitLab and GitHub test-report actions read it
 * (valid against Jenkins xunit's junit-10.xsd): one `<testsuite>` per specs
 * folder, one `<testcase>` per card. Pure: a function of the run model only.
 */
export function toJunitXml(run: RunResult): string {
  return [...junitXmlChunks(run, JunitSuites.of(run.cards), heldCards(run.cards))].join('');
}
