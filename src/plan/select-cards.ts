import { partitionByCount, partitionByTime } from '../ci/partition.js';
import type { CardPlan } from '../core/plan.js';
import { factsOf } from './plan-facts.js';

export interface Selection {
  /** Regular expression matched against file, title and endpoint. */
  grep?: RegExp;
  /** Keep cards with any of these tags. */
  tags?: string[];
  /** Keep cards of any of these domains. */
  domains?: string[];
  /** Keep only these files (e.g. the failures of the last run). */
  files?: ReadonlySet<string>;
  /** `{ index (1-based), total }`: keep one deterministic share of the suite. */
  shard?: ShardSelection;
}

export interface ShardSelection {
  index: number;
  total: number;
  /** `--shard-timings`: each card file's duration (ms) in an earlier run; shards are then balanced by time. */
  timings?: ReadonlyMap<string, number>;
}

function matches(p: CardPlan, s: Selection): boolean {
  if (s.grep && !s.grep.test(`${p.file}\n${p.title}\n${p.endpoint}`)) return false;
  const { tags, domain } = factsOf(p);
  if (s.tags?.length && !s.tags.some((t) => tags.includes(t))) return false;
  if (s.domains?.length && !s.domains.includes(domain)) return false;
  if (s.files && !s.files.has(p.file)) return false;
  return true;
}

/** The run-wide keys of the shared (not fresh) fixtures a card uses: created once, for every card using them. */
function sharedKeys(p: CardPlan): readonly string[] {
  return factsOf(p).sharedKeys;
}

/**
 * Cards linked by needs, in either direction, or sharing a fixture form one group that always runs together (a
 * shard never splits a chain, nor creates a shared resource that another shard creates again).
 */
function chainGroups(plans: CardPlan[]): CardPlan[][] {
  const byId = new Map(plans.map((p) => [p.id, p]));
  const parent = new Map(plans.map((p) => [p, p]));
  const find = (p: CardPlan): CardPlan => {
    let root = p;
    while (parent.get(root) !== root) root = parent.get(root) ?? root;
    return root;
  };
  const firstWith = new Map<string, CardPlan>();
  for (const p of plans) {
    for (const id of p.needs) {
      const q = byId.get(id);
      if (q) parent.set(find(p), find(q));
    }
    for (const key of sharedKeys(p)) {
      const q = firstWith.get(key);
      if (q) parent.set(find(p), find(q));
      else firstWith.set(key, p);
    }
  }
  const groups = new Map<CardPlan, CardPlan[]>();
  for (const p of plans) {
    const root = find(p);
    groups.set(root, [...(groups.get(root) ?? []), p]);
  }
  return [...groups.values()];
}

/** The selection split into shards: by time with timings, else by count. */
function shardOf(selected: CardPlan[], shard: ShardSelection): CardPlan[] {
  const groups = chainGroups(selected).map((items) => ({ key: items[0]?.file ?? '', items }));
  const { timings } = shard;
  const shards = timings
    ? partitionByTime(groups, shard.total, (p) => timings.get(p.file)).shards
    : partitionByCount(groups, shard.total);
  const mine = new Set(shards[shard.index - 1] ?? []);
  return selected.filter((p) => mine.has(p));
}

/**
 * The selected cards before sharding (every shard computes the same list), and
 * this shard's share of them. Cards linked by needs stay in one shard.
 */
export function selectShard(plans: CardPlan[], s: Selection): { cards: CardPlan[]; whole: CardPlan[] } {
  const byId = new Map(plans.map((p) => [p.id, p]));
  const keep = new Set(plans.filter((p) => matches(p, s)));
  const addNeeds = (p: CardPlan) => {
    for (const id of p.needs) {
      const q = byId.get(id);
      if (q && !keep.has(q)) {
        keep.add(q);
        addNeeds(q);
      }
    }
  };
  for (const p of [...keep]) addNeeds(p);
  const whole = plans.filter((p) => keep.has(p));
  return { cards: s.shard ? shardOf(whole, s.shard) : whole, whole };
}

/**
 * Keep the selected cards, plus every card they need (a needed card runs even
 * when the filter would drop it). Sharding splits whole chain groups: round
 * robin in file order, or by time with `shard.timings`, so every runner gets
 * the same split.
 */
export function selectCards(plans: CardPlan[], s: Selection): CardPlan[] {
  return selectShard(plans, s).cards;
}
