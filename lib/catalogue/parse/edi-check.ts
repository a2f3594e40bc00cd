/**
 * The EDI parser's last pass: every unit read is checked against the contents list and the
 * qualification structure table (title, level, credit), its numbering, and text pasted
 * from another unit. Each problem is a warning with its line; nothing is corrected here.
 */
import type { Level, Outcome, Unit } from '../model';

/** A unit as listed in the contents or the qualification structure table. */
export interface Listed {
  ref: string;
  title: string;
  level?: Level | null;
  credit?: number | null;
  line: number;
}

export interface Draft {
  unit: Unit;
  line: number;
  aimsLine?: number;
  /** Begun from orphaned rows after a lost heading: its first outcomes are missing. */
  partial?: boolean;
  /** Copies of each criterion number met so far, for `~2` ids. */
  copies: Map<string, number>;
  /** The line each outcome starts on, for warnings. */
  outcomeLines: Map<Outcome, number>;
}

/** Checks units against the contents and structure table, numbering, and repeated text. */
export function crossCheck(
  drafts: Draft[],
  contents: Listed[],
  structure: Listed[],
  warn: (line: number, code: string, message: string) => void,
): void {
  const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '');
  const byRef = new Map(drafts.map((d) => [d.unit.ref, d]));
  const lists: [string, Listed[]][] = [
    ['contents', contents],
    ['qualification structure', structure],
  ];
  for (const [name, list] of lists) {
    for (const item of list) {
      const d = byRef.get(item.ref);
      if (!d) {
        warn(item.line, 'unit-missing', `Unit ${item.ref} is listed in the ${name} but has no section of its own`);
        continue;
      }
      if (norm(item.title) !== norm(d.unit.title)) {
        warn(d.line, 'title-mismatch', `${item.ref}: title "${d.unit.title}" differs from the ${name} (line ${item.line}): "${item.title}"`);
      }
      if (item.level !== undefined && item.level !== d.unit.level) {
        warn(d.line, 'level-mismatch', `${item.ref}: level ${d.unit.level} differs from the ${name} (line ${item.line}): ${item.level}`);
      }
      if (item.credit !== undefined && item.credit !== d.unit.credit) {
        warn(d.line, 'credit-mismatch', `${item.ref}: credit ${d.unit.credit} differs from the ${name} (line ${item.line}): ${item.credit}`);
      }
    }
  }
  const listed = new Set([...contents, ...structure].map((l) => l.ref));
  for (const d of drafts) {
    if (listed.size && !listed.has(d.unit.ref)) {
      const near = [...listed].filter((r) => editDistance(r, d.unit.ref) === 1);
      warn(d.line, 'ref-unknown', `Unit ${d.unit.ref} is not in the contents or structure table${near.length ? ` (a typo for ${near.join(' or ')}?)` : ''}`);
    }
    if (d.unit.level === null) warn(d.line, 'no-level', `${d.unit.ref}: no level printed`);
    if (d.unit.credit === null) warn(d.line, 'no-credit', `${d.unit.ref}: no credit value printed`);
    if (!d.unit.outcomes.length) warn(d.line, 'no-criteria', `${d.unit.ref}: no learning outcomes or criteria found`);
    for (const o of d.unit.outcomes) {
      const minors = [...new Set(o.criteria.map((c) => Number(c.number.split('.')[1])))];
      const start = d.partial && o === d.unit.outcomes[0] ? (minors[0] ?? 1) : 1;
      const gap = minors.findIndex((n, k) => n !== k + start);
      if (gap >= 0) warn(d.outcomeLines.get(o) ?? d.line, 'number-sequence', `${d.unit.ref} outcome ${o.number}: criteria numbered ${minors.map((n) => `${o.number}.${n}`).join(', ')}`);
      if (!o.criteria.length) warn(d.outcomeLines.get(o) ?? d.line, 'outcome-empty', `${d.unit.ref} outcome ${o.number} has no criteria`);
    }
    const numbers = d.unit.outcomes.map((o) => Number(o.number));
    const first = d.partial ? (numbers[0] ?? 1) : 1;
    if (numbers.some((n, k) => n !== k + first)) {
      warn(d.line, 'outcome-sequence', `${d.unit.ref}: outcomes numbered ${numbers.join(', ')}`);
    }
  }
  // A knowledge outcome restates its own unit's subject, so the same words in two units
  // with different titles mean one was pasted from the other.
  const knowledge = new Map<string, Draft>();
  for (const d of drafts) {
    for (const o of d.unit.outcomes) {
      if (!/^(know|understand)\b/i.test(o.title)) continue;
      const seen = knowledge.get(norm(o.title));
      if (seen && seen !== d) {
        warn(d.outcomeLines.get(o) ?? d.line, 'duplicate-outcome-title', `${d.unit.ref} outcome ${o.number}: "${o.title}" is word for word an outcome of ${seen.unit.ref} ("${seen.unit.title}")`);
      } else knowledge.set(norm(o.title), d);
    }
  }
  const aims = new Map<string, Draft>();
  for (const d of drafts) {
    const printed = d.unit.notes?.find((n) => /^aims?$/i.test(n.heading))?.text;
    if (!printed) continue;
    // Curly and straight apostrophes differ between copies pasted from the same source.
    const text = printed.replace(/[‘’]/g, "'").replace(/[“”]/g, '"');
    const seen = aims.get(text);
    if (seen) warn(d.aimsLine ?? d.line, 'duplicate-aims', `${d.unit.ref}: aims are word for word those of ${seen.unit.ref}`);
    else aims.set(text, d);
  }
}

function editDistance(a: string, b: string): number {
  const dp = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) dp[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      dp[i][j] = Math.min(dp[i - 1][j] + 1, dp[i][j - 1] + 1, dp[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  }
  return dp[a.length][b.length];
}
