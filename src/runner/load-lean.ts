import { createHash } from 'node:crypto';
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

interface Loaded {
  plan: CardPlan;
  /** The ids of other cards the card names; checked against every card's id once all are read. */
  asked: string[];
  /** Each project rule's key of the card, by rule index. */
  keys: unknown[];
  digest: string;
  /** The card could be parsed: its id is one other cards may name (as planRun counts ids). */
  parsed: boolean;
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
export async function loadLeanPlan(opts: LeanLoadOptions): Promise<{ plan: RunPlan; missing: string[] }> {
  const { cwd } = opts;
  const { config } = opts.found;
  const configDir = projectDir(config, cwd);
  const { files, missing, outside } = opts.found.discovered;
  const isSecret = secretKeyTest(config);
  const { read, again } = cardReader(cwd, config, opts.plan);
  const loadOne = async (file: string): Promise<Loaded> => {
    const asked = new AskedIds();
    const { loaded, plan, digest } = await read(file, asked);
    opts.onCard?.(loaded);
    // Detached copies: a key or an id sliced from the card's text would keep all of it alive.
    const keys = PROJECT_RULES.map((rule) => detached(rule.keyOf(loaded)));
    return {
      plan: leanPlan(plan, isSecret, again(file, digest)),
      asked: detached([...asked]),
      keys,
      digest,
      parsed: loaded.card !== undefined,
    };
  };
  const loadedCards = await pMap(files, loadOne, { concurrency: OPEN_FILES });
  for (const o of outside) {
    const plan = planCard({ ...outsideCard(o.file, o.target, configDir), folder: undefined }, opts.plan);
    loadedCards.push({
      plan: leanPlan(plan, isSecret, async () => undefined),
      asked: [],
      keys: [],
      digest: '',
      parsed: false,
    });
  }

  // A card naming a card that does not exist is planned again with the real ids, for the error planRun gives.
  const ids = new Set(loadedCards.filter((l) => l.parsed).map((l) => l.plan.id));
  await pMap(
    loadedCards.map((l, i) => [l, i] as const).filter(([l]) => l.asked.some((id) => !ids.has(id))),
    async ([l, i]) => {
      const { plan } = await read(l.plan.file, ids);
      loadedCards[i] = { ...l, plan: leanPlan(plan, isSecret, again(l.plan.file, l.digest)) };
    },
    { concurrency: OPEN_FILES },
  );

  const plans = loadedCards.map((l) => l.plan);
  await addProjectFindings(plans, loadedCards, cwd);
  return { plan: { cards: orderByNeeds(plans) }, missing };
}

/** The config's secret keys, as the run's redactor will know them. */
function secretKeyTest(config: Config): (key: string) => boolean {
  const redactor = new Redactor();
  redactor.declareSecretKeys(config.secretKeys);
  return redactor.isSecretKey;
}

/** Project rules (duplicates) over every card's key; a finding is shown at its line, read again from the file. */
async function addProjectFindings(plans: CardPlan[], loaded: Loaded[], cwd: string): Promise<void> {
  const found: Diagnostic[] = [];
  PROJECT_RULES.forEach((rule, r) => {
    const keys: ProjectKey<unknown>[] = [];
    for (const l of loaded) if (l.keys[r] !== undefined) keys.push({ file: l.plan.file, key: l.keys[r] });
    found.push(...rule.check(keys));
  });
  if (found.length === 0) return;
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of found) byFile.set(d.file, [...(byFile.get(d.file) ?? []), d]);
  const index = new Map(plans.map((p, i) => [p.file, i]));
  await pMap(
    [...byFile],
    async ([file, ds]) => {
      const i = index.get(file);
      const plan = i === undefined ? undefined : plans[i];
      if (!plan || i === undefined) return;
      const text = await readCardText(cwd, file);
      const source = text === '' ? undefined : new SourceFile('', text);
      const shown = ds.map((d) => JSON.parse(JSON.stringify(withSource(d, source))) as Diagnostic);
      const diagnostics = [...plan.diagnostics, ...shown];
      const first = shown.find(isError);
      plans[i] =
        first && plan.action === 'run'
          ? notRun({ ...plan, diagnostics }, 'error', summarizeDiagnostic(first))
          : { ...plan, diagnostics };
    },
    { concurrency: OPEN_FILES },
  );
}
