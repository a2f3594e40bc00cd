/**
 * Evaluates a learner's achieved units against a qualification's rules of combination and
 * says, in plain words, what is still missing: credits, units of each group, credits at a
 * level, and barred pairs. Pure functions over plain data, so the side panel, coverage
 * reports and tests all get the same answer. Also answers the side panel's question "may
 * this unit be added?" before a barred pair is created.
 */
import type { Level, Qualification, RuleGroup } from './model';
import { unitKey } from './ids';

/** A unit the learner has achieved, with the credit and level the catalogue gives it. */
export interface AchievedUnit {
  ref: string;
  credit: number | null;
  level: Level | null;
}

/** How one group of the rules stands. */
export interface GroupResult {
  id: string;
  title: string;
  mandatory: boolean;
  /** The requirement in words, e.g. "at least 1 unit", "all 2 units", "at most 9 credits". */
  requirement: string;
  met: boolean;
  /** Refs of achieved units of this group that count. */
  counted: string[];
  /** Credits from this group that count towards the qualification (after any maximum). */
  credits: number;
  /** Credits achieved in this group before any maximum is applied. */
  creditsAchieved: number;
  /** Mandatory units not yet achieved. */
  missingUnits: string[];
}

/** How one level constraint stands. */
export interface LevelResult {
  description: string;
  minLevel: Level;
  required: number;
  credits: number;
  met: boolean;
}

/** A barred pair the achieved units contain, and which of the two is set aside. */
export interface BarredResult {
  units: [string, string];
  reason: string;
  /** The unit not counted while both are present. */
  setAside: string;
}

/** The whole answer for one qualification. */
export interface RulesResult {
  met: boolean;
  /** Credits that count, against the qualification's minimum. */
  credits: number;
  minCredits: number;
  groups: GroupResult[];
  levels: LevelResult[];
  barred: BarredResult[];
  /** Achieved refs that belong to no group of this qualification, so count for nothing. */
  notInRules: string[];
  /** What is still missing, in plain English, one item per unmet rule. */
  missing: string[];
  /** Other things worth saying that are not failures (e.g. credits over a group's maximum). */
  notes: string[];
}

/** Orders levels: Entry 1-3 below Level 1; unknown below everything. */
function levelRank(level: Level | null): number {
  if (level === null) return -1;
  if (typeof level === 'number') return level;
  return Number(level.slice(6)) / 10;
}

/** "level 3", "Entry 3" as a sentence would say it. */
export function levelWords(level: Level): string {
  return typeof level === 'number' ? `level ${level}` : level;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "Group D", but "the Mandatory Group" for a group whose id is a word. */
function groupName(g: RuleGroup): string {
  return /^[A-Z0-9]{1,2}$/.test(g.id) ? `Group ${g.id}` : g.title;
}

/** "Groups B, C, D and E". */
function groupsName(ids: string[]): string {
  if (ids.length === 1) return `Group ${ids[0]}`;
  return `Groups ${ids.slice(0, -1).join(', ')} and ${ids[ids.length - 1]}`;
}

/** What a group asks for, in words. */
function requirementOf(g: RuleGroup): string {
  const parts: string[] = [];
  if (g.mandatory && g.minUnits === undefined) parts.push(g.units.length === 1 ? 'the 1 unit' : `all ${g.units.length} units`);
  if (g.minUnits !== undefined) parts.push(`at least ${plural(g.minUnits, 'unit')}`);
  if (g.maxUnits !== undefined) parts.push(`at most ${plural(g.maxUnits, 'unit')}`);
  if (g.minCredits !== undefined) parts.push(`at least ${plural(g.minCredits, 'credit')}`);
  if (g.maxCredits !== undefined) parts.push(`at most ${plural(g.maxCredits, 'credit')}`);
  if (g.minCreditsAtLevel) {
    const l = g.minCreditsAtLevel;
    parts.push(`${plural(l.credits, 'credit')} at ${levelWords(l.level)}${l.exact ? '' : ' or above'}`);
  }
  return parts.join(', ') || 'any units';
}

function atLevel(level: Level | null, min: Level, exact = false): boolean {
  return exact ? levelRank(level) === levelRank(min) : levelRank(level) >= levelRank(min);
}

/**
 * Decides which unit of a barred pair is set aside while both are present: keep a unit of a
 * mandatory group, else the one with more credits, else the higher level, else the second
 * as printed (the documents print the lower-level unit first).
 */
function setAsideOf(a: string, b: string, byKey: Map<string, AchievedUnit>, mandatoryKeys: Set<string>): string {
  const ua = byKey.get(unitKey(a))!;
  const ub = byKey.get(unitKey(b))!;
  const ma = mandatoryKeys.has(unitKey(a));
  const mb = mandatoryKeys.has(unitKey(b));
  if (ma !== mb) return ma ? b : a;
  if ((ua.credit ?? 0) !== (ub.credit ?? 0)) return (ua.credit ?? 0) > (ub.credit ?? 0) ? b : a;
  if (levelRank(ua.level) !== levelRank(ub.level)) return levelRank(ua.level) > levelRank(ub.level) ? b : a;
  return a;
}

/** Evaluates achieved units against a qualification's rules of combination. */
export function evaluateRules(qualification: Qualification, achieved: AchievedUnit[]): RulesResult {
  const rules = qualification.rules;
  const byKey = new Map<string, AchievedUnit>();
  for (const u of achieved) if (!byKey.has(unitKey(u.ref))) byKey.set(unitKey(u.ref), u);
  const mandatoryKeys = new Set(rules.groups.filter((g) => g.mandatory).flatMap((g) => g.units.map(unitKey)));
  const missing: string[] = [];
  const notes: string[] = [];

  // Barred pairs first: the unit set aside counts nowhere below.
  const barred: BarredResult[] = [];
  const setAside = new Set<string>();
  for (const b of rules.barred) {
    const [a, c] = b.units;
    if (!byKey.has(unitKey(a)) || !byKey.has(unitKey(c))) continue;
    const aside = setAsideOf(a, c, byKey, mandatoryKeys);
    barred.push({ units: [a, c], reason: b.reason, setAside: aside });
    setAside.add(unitKey(aside));
  }

  // A unit counts once, in the first group that lists it.
  const claimed = new Set<string>();
  const groupUnits = new Map<string, AchievedUnit[]>();
  for (const g of rules.groups) {
    const mine: AchievedUnit[] = [];
    for (const ref of g.units) {
      const k = unitKey(ref);
      const u = byKey.get(k);
      if (!u || claimed.has(k) || setAside.has(k)) continue;
      claimed.add(k);
      mine.push(u);
    }
    groupUnits.set(g.id, mine);
  }
  const notInRules = [...byKey.entries()].filter(([k]) => !claimed.has(k) && !setAside.has(k)).map(([, u]) => u.ref);

  const groups: GroupResult[] = rules.groups.map((g) => {
    let mine = groupUnits.get(g.id)!;
    if (g.maxUnits !== undefined && mine.length > g.maxUnits) {
      // Keep the units that help most: higher level, then more credit.
      const kept = [...mine].sort((x, y) => levelRank(y.level) - levelRank(x.level) || (y.credit ?? 0) - (x.credit ?? 0)).slice(0, g.maxUnits);
      notes.push(`only ${plural(g.maxUnits, 'unit')} from ${groupName(g)} can count; ${mine.length} are achieved`);
      mine = mine.filter((u) => kept.includes(u));
    }
    const creditsAchieved = mine.reduce((s, u) => s + (u.credit ?? 0), 0);
    const credits = g.maxCredits !== undefined ? Math.min(creditsAchieved, g.maxCredits) : creditsAchieved;
    if (g.maxCredits !== undefined && creditsAchieved > g.maxCredits) {
      notes.push(`only ${g.maxCredits} of the ${creditsAchieved} credits from ${groupName(g)} count towards the qualification`);
    }
    let met = true;
    const missingUnits: string[] = [];
    if (g.mandatory && g.minUnits === undefined) {
      for (const ref of g.units) if (!mine.some((u) => unitKey(u.ref) === unitKey(ref))) missingUnits.push(ref);
      if (missingUnits.length) {
        met = false;
        missing.push(`needs mandatory ${missingUnits.length === 1 ? 'unit' : 'units'} ${missingUnits.join(', ')} (${groupName(g)})`);
      }
    }
    if (g.minUnits !== undefined && mine.length < g.minUnits) {
      met = false;
      missing.push(`needs ${plural(g.minUnits - mine.length, 'more unit')} from ${groupName(g)}`);
    }
    if (g.minCredits !== undefined && credits < g.minCredits) {
      met = false;
      missing.push(`needs ${plural(g.minCredits - credits, 'more credit')} from ${groupName(g)} (${credits} of ${g.minCredits})`);
    }
    if (g.minCreditsAtLevel) {
      const l = g.minCreditsAtLevel;
      const have = mine.filter((u) => atLevel(u.level, l.level, l.exact)).reduce((s, u) => s + (u.credit ?? 0), 0);
      if (have < l.credits) {
        met = false;
        missing.push(`${have} of ${l.credits} credits at ${levelWords(l.level)}${l.exact ? '' : ' or above'} from ${groupName(g)}`);
      }
    }
    return {
      id: g.id,
      title: g.title,
      mandatory: g.mandatory,
      requirement: requirementOf(g),
      met,
      counted: mine.map((u) => u.ref),
      credits,
      creditsAchieved,
      missingUnits,
    };
  });

  const credits = groups.reduce((s, g) => s + g.credits, 0);
  if (credits < rules.minCredits) {
    missing.unshift(`needs ${plural(rules.minCredits - credits, 'more credit')}: ${credits} of ${rules.minCredits}`);
  }
  if (rules.maxCredits !== undefined && credits > rules.maxCredits) {
    notes.push(`${credits} credits achieved; the qualification allows at most ${rules.maxCredits}`);
  }

  const levels: LevelResult[] = rules.levelConstraints.map((c) => {
    const inScope = rules.groups.filter((g) => !c.groups || c.groups.includes(g.id));
    let have = 0;
    for (const g of inScope) {
      const res = groups.find((r) => r.id === g.id)!;
      const atOrAbove = groupUnits
        .get(g.id)!
        .filter((u) => res.counted.includes(u.ref) && atLevel(u.level, c.minLevel))
        .reduce((s, u) => s + (u.credit ?? 0), 0);
      // A group's maximum caps what it gives at a level too.
      have += Math.min(atOrAbove, res.credits);
    }
    const met = have >= c.credits;
    if (!met) {
      const scope = c.groups ? ` from ${groupsName(c.groups)}` : '';
      missing.push(`${have} of ${c.credits} credits at ${levelWords(c.minLevel)} or above${scope}`);
    }
    return { description: c.description, minLevel: c.minLevel, required: c.credits, credits: have, met };
  });

  for (const b of barred) {
    missing.push(`${b.units[0]} and ${b.units[1]} cannot both count: ${b.reason}`);
  }

  const met = credits >= rules.minCredits && groups.every((g) => g.met) && levels.every((l) => l.met) && barred.length === 0;
  return { met, credits, minCredits: rules.minCredits, groups, levels, barred, notInRules, missing, notes };
}

/**
 * The barred pairs that adding `ref` to the chosen units would create, with their reasons:
 * the side panel refuses the addition and shows these. Empty when the unit may be added.
 */
export function barredBy(qualification: Qualification, chosen: string[], ref: string): { with: string; reason: string }[] {
  const have = new Set(chosen.map(unitKey));
  const k = unitKey(ref);
  const out: { with: string; reason: string }[] = [];
  for (const b of qualification.rules.barred) {
    const [a, c] = b.units;
    if (unitKey(a) === k && have.has(unitKey(c))) out.push({ with: c, reason: b.reason });
    else if (unitKey(c) === k && have.has(unitKey(a))) out.push({ with: a, reason: b.reason });
  }
  return out;
}
