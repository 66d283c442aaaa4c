import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import pMap from 'p-map';
import type { Config } from '../core/config.js';
import type { Diagnostic } from '../core/diagnostic.js';
import { isError } from '../core/diagnostic.js';
import type { JsonValue } from '../core/json.js';
import type { CardPlan, RunPlan } from '../core/plan.js';
import { notRun } from '../core/plan.js';
import { Redactor } from '../core/redact.js';
import { SourceFile } from '../core/source.js';
import { CARD_RULES, PROJECT_RULES } from '../lint/registry.js';
import type { ProjectKey } from '../lint/rule.js';
import { detached, leanPlan } from '../plan/lean-plan.js';
import { orderByNeeds } from '../plan/order-cards.js';
import type { LoadedCard, PlanOptions } from '../plan/plan-run.js';
import { planCard, summarizeDiagnostic, withSource } from '../plan/plan-run.js';
import { PlanSpill } from '../plan/spilled-plan.js';
import type { ProjectFiles } from './load-project.js';
import { folderOf, loadCard, OPEN_FILES, outsideCard, projectDir, readCardText } from './load-project.js';
import { resolveSchemaRefs } from './resolve-schema-refs.js';

/**
 * Cards from this many on are planned lean (src/plan/lean-plan.ts): each card is read, linted and planned on its
 * own, only its plan's header and facts are kept, and it is read again when it runs. Below it, the whole project
 * stays in memory and each card is parsed once.
 */
export const LEAN_FROM = 2000;

/** LEAN_FROM, or CARDCHECK_LEAN_FROM from the environment (tests plan small suites lean with 0; tuning). */
export function leanFrom(env: Readonly<Record<string, string | undefined>>): number {
  const n = Number(env.CARDCHECK_LEAN_FROM);
  return env.CARDCHECK_LEAN_FROM !== undefined && Number.isInteger(n) && n >= 0 ? n : LEAN_FROM;
}

export interface LeanLoadOptions {
  cwd: string;
  found: ProjectFiles;
  plan: PlanOptions;
  /** Each card as first read and linted, before it is let go (lint takes what it shows of the card). */
  onCard?: (loaded: LoadedCard) => void;
  /** Where the plans are kept until the run ends (src/plan/spilled-plan.ts). @default the OS temp folder */
  spillDir?: string;
}

/** A large suite's plan, and the spool its plans are read from (dispose it when the run is over). */
export interface LeanLoad {
  plan: RunPlan;
  missing: string[];
  spill: PlanSpill;
}

/** Every id a card asked about while it was planned: the real set is known only once every card is read. */
class AskedIds {
  readonly asked = new Set<string>();
  has(id: string): boolean {
    this.asked.add(id);
    return true;
  }
  [Symbol.iterator]() {
    return this.asked[Symbol.iterator]();
  }
}

const digestOf = (bytes: Uint8Array) => createHash('sha1').update(bytes).digest('base64');

/** Reading one card: read, lint (card rules, unless read again for its run) and plan it. */
function cardReader(cwd: string, config: Config, options: PlanOptions) {
  const configDir = projectDir(config, cwd);
  const docs = new Map<string, JsonValue>();

  /** Read, lint (card rules, unless read again for its run) and plan one card; `known` says which card ids exist. */
  const read = async (file: string, known: { has(id: string): boolean }, lint = true) => {
    let digest = '';
    const loaded: LoadedCard = {
      ...(await loadCard(cwd, file, (bytes) => {
        digest = digestOf(bytes);
      })),
      folder: folderOf(config, configDir, cwd, file),
    };
    await resolveSchemaRefs([loaded], cwd, configDir, docs);
    if (lint) loaded.diagnostics = [...loaded.diagnostics, ...CARD_RULES.flatMap((r) => r.check(loaded))];
    const planned = planCard(loaded, options, known as ReadonlySet<string>);
    // The text goes with a plan made for the card's run, for placing failures at their line.
    const plan = planned.action === 'run' ? { ...planned, text: loaded.text } : planned;
    return { loaded, plan, digest };
  };
  const again = (file: string, digest: string) => async () => {
    // A card read from outside the project (digest '') is never read again.
    if (digest === '') return undefined;
    // The first reading's diagnostics are the plan's: a lint finding (a warning) is not looked for again.
    const second = await read(file, { has: () => true }, false);
    return second.digest === digest && !second.plan.lean ? second.plan : undefined;
  };
  return { read, again };
}

/**
 * Load, lint and plan a large suite one card at a time, keeping lean plans: the same plans and diagnostics as
 * loadProject + lint + planRun give (test/e2e/lean-plan.test.ts compares them), without every parsed card in memory.
 */
export async function loadLeanPlan(opts: LeanLoadOptions): Promise<LeanLoad> {
  const { cwd } = opts;
  const { config } = opts.found;
  const configDir = projectDir(config, cwd);
  const { files, missing, outside } = opts.found.discovered;
  const isSecret = secretKeyTest(config);
  const { read, again } = cardReader(cwd, config, opts.plan);
  const spill = new PlanSpill(opts.spillDir ?? tmpdir(), again);
  const keep = (plan: CardPlan, file: string, digest: string) =>
    spill.keep(leanPlan(plan, isSecret, again(file, digest)), digest, file);
  // By card position, side by side: an object per card was a tenth of a 100,000-card run's peak memory.
  const loaded: LoadedSuite = { plans: [], keys: PROJECT_RULES.map(() => []), asked: new Map(), parsed: [] };
  const strings = new StringCache();
  const loadOne = async (file: string, i: number) => {
    const asked = new AskedIds();
    const { loaded: card, plan, digest } = await read(file, asked);
    opts.onCard?.(card);
    // Detached copies: a key or an id sliced from the card's text would keep all of it alive.
    PROJECT_RULES.forEach((rule, r) => {
      (loaded.keys[r] as unknown[])[i] = strings.detached(rule.keyOf(card));
    });
    if (asked.asked.size) loaded.asked.set(i, detached([...asked]));
    loaded.parsed[i] = card.card !== undefined;
    loaded.plans[i] = keep(plan, file, digest);
  };
  await pMap(files, loadOne, { concurrency: OPEN_FILES });
  for (const o of outside) {
    const plan = planCard({ ...outsideCard(o.file, o.target, configDir), folder: undefined }, opts.plan);
    loaded.parsed.push(false);
    loaded.plans.push(keep(plan, o.file, ''));
  }
  strings.clear();

  // A card naming a card that does not exist is planned again with the real ids, for the error planRun gives.
  const { plans, parsed } = loaded;
  const ids = loaded.asked.size ? new Set(plans.filter((_, i) => parsed[i]).map((p) => p.id)) : new Set<string>();
  await pMap(
    [...loaded.asked].filter(([, asked]) => asked.some((id) => !ids.has(id))),
    async ([i]) => {
      const was = plans[i] as CardPlan;
      const { plan } = await read(was.file, ids);
      plans[i] = keep(plan, was.file, spill.digestOf(was));
    },
    { concurrency: OPEN_FILES },
  );

  await addProjectFindings(loaded, cwd, spill);
  return { plan: { cards: orderByNeeds(plans) }, missing, spill };
}

/** The cards of a suite as loadLeanPlan reads them, by position. */
interface LoadedSuite {
  plans: CardPlan[];
  /** Each project rule's key of each card (undefined leaves the card out), by rule then card. */
  keys: unknown[][];
  /** The ids of other cards a card names, for the cards that name any; checked once all are read. */
  asked: Map<number, string[]>;
  /** The card could be parsed: its id is one other cards may name (as planRun counts ids). */
  parsed: boolean[];
}

/** The same strings for equal values among the keys of a suite (their routes repeat), up to a bound. */
class StringCache {
  private readonly seen = new Map<string, string>();
  detached<T>(value: T): T {
    if (value === undefined) return value;
    return JSON.parse(JSON.stringify(value), (_key, v) => (typeof v === 'string' ? this.intern(v) : v)) as T;
  }
  private intern(s: string): string {
    const known = this.seen.get(s);
    if (known !== undefined) return known;
    if (this.seen.size >= 4096) this.seen.clear();
    this.seen.set(s, s);
    return s;
  }
  clear(): void {
    this.seen.clear();
  }
}

/** The config's secret keys, as the run's redactor will know them. */
function secretKeyTest(config: Config): (key: string) => boolean {
  const redactor = new Redactor();
  redactor.declareSecretKeys(config.secretKeys);
  return redactor.isSecretKey;
}

/** Findings are shown (their card read again for the excerpt) this many at a time. */
const FINDINGS_AT_ONCE = 512;

/**
 * Project rules (duplicates) over every card's key; a finding is shown at its line, read again from the file. A
 * rule's findings are taken a batch at a time: a suite of copies has one per card.
 */
async function addProjectFindings(loaded: LoadedSuite, cwd: string, spill: PlanSpill): Promise<void> {
  const { plans } = loaded;
  let index: Map<string, number> | undefined;
  const show = (batch: Diagnostic[]) => {
    index ??= new Map(plans.map((p, i) => [p.file, i]));
    return showFindings(batch, plans, index, cwd, spill);
  };
  for (const [r, rule] of PROJECT_RULES.entries()) {
    const keys: ProjectKey<unknown>[] = [];
    (loaded.keys[r] as unknown[]).forEach((key, i) => {
      if (key !== undefined) keys.push({ file: (plans[i] as CardPlan).file, key });
    });
    loaded.keys[r] = [];
    let batch: Diagnostic[] = [];
    for (const d of rule.check(keys)) {
      batch.push(d);
      if (batch.length < FINDINGS_AT_ONCE) continue;
      await show(batch);
      batch = [];
    }
    if (batch.length) await show(batch);
  }
}

/** Findings added to their cards' plans, with the line they point at; a card with an error no longer runs. */
async function showFindings(
  found: Diagnostic[],
  plans: CardPlan[],
  index: Map<string, number>,
  cwd: string,
  spill: PlanSpill,
): Promise<void> {
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of found) byFile.set(d.file, [...(byFile.get(d.file) ?? []), d]);
  await pMap(
    [...byFile],
    async ([file, ds]) => {
      const i = index.get(file);
      const plan = i === undefined ? undefined : plans[i];
      if (!plan || i === undefined) return;
      const text = await readCardText(cwd, file);
      const source = text === '' ? undefined : new SourceFile('', text);
      const shown = ds.map((d) => JSON.parse(JSON.stringify(withSource(d, source))) as Diagnostic);
      const first = shown.find(isError);
      plans[i] = spill.patch(plan, (plain) => {
        const diagnostics = [...plain.diagnostics, ...shown];
        return first && plain.action === 'run'
          ? notRun({ ...plain, diagnostics }, 'error', summarizeDiagnostic(first))
          : ({ ...plain, diagnostics } as CardPlan);
      });
    },
    { concurrency: OPEN_FILES },
  );
}
