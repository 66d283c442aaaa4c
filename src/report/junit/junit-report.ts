import type { CardResult, RunResult } from '../../core/result.js';
import { folderOf } from '../card-folder.js';
import {
  describeProblem,
  failureLocations,
  formatAttempts,
  formatSwitchedOff,
  formatWarning,
} from '../failure-text.js';
import type { XmlElement } from './xml-tree.js';
import { element, serializeXml } from './xml-tree.js';

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

const count = (cards: readonly CardResult[], outcome: CardResult['outcome']) =>
  cards.filter((c) => c.outcome === outcome).length;

/**
 * JUnit XML as Jenkins, GitLab and GitHub test-report actions read it
 * (valid against Jenkins xunit's junit-10.xsd): one `<testsuite>` per specs
 * folder, one `<testcase>` per card. Pure: a function of the run model only.
 */
export function toJunitXml(run: RunResult): string {
  const folders = new Map<string, CardResult[]>();
  for (const c of run.cards) {
    const name = folderOf(c.file);
    folders.set(name, [...(folders.get(name) ?? []), c]);
  }
  const suites = [...folders].map(([name, cards]) =>
    element(
      'testsuite',
      {
        name,
        tests: cards.length,
        failures: count(cards, 'failed'),
        errors: count(cards, 'errored'),
        skipped: count(cards, 'skipped'),
        time: seconds(cards.reduce((n, c) => n + c.durationMs, 0)),
        timestamp: run.startedAt,
      },
      [properties(run), ...cards.map(testcase)],
    ),
  );
  const s = run.summary;
  return serializeXml(
    element(
      'testsuites',
      { name: 'cardcheck', tests: s.total, failures: s.failed, errors: s.errored, time: seconds(s.durationMs) },
      suites,
    ),
  );
}
