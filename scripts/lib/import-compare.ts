/**
 * Compares what the general importer reads from a specification with the built-in
 * catalogue's copy of it (made by the per-document parsers and their overrides): units by
 * reference, outcomes by number, criteria by number (a number printed twice by its copy),
 * words compared normalised (case, quotes, dashes, spaces, a trailing full stop aside).
 * Shared by `catalogue compare`, `npm run bench -- import` and the test that holds the
 * counts.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { criterionNumberOf } from '../../lib/catalogue/ids';
import { importText } from '../../lib/catalogue/import/index';
import { looseText } from '../../lib/catalogue/import/structure';
import type { Specification } from '../../lib/catalogue/model';

/** matched = same words; differ = same place, other words. */
export interface Tally {
  matched: number;
  missing: number;
  extra: number;
  differ: number;
}

/** One difference between the importer and the built-in catalogue. */
export interface Difference {
  kind: 'unit' | 'outcome' | 'criterion';
  /** missing: built in only; extra: imported only; differ: both, other words or values. */
  what: 'missing' | 'extra' | 'differ';
  where: string;
  builtIn?: string;
  imported?: string;
}

export interface Comparison {
  source: string;
  units: Tally;
  outcomes: Tally;
  criteria: Tally;
  differences: Difference[];
}

const tally = (): Tally => ({ matched: 0, missing: 0, extra: 0, differ: 0 });

function unitFields(u: Specification['units'][number]): string {
  return `${looseText(u.title)} | level ${u.level ?? '-'} | credit ${u.credit ?? '-'} | GLH ${u.glh ?? '-'}`;
}

/** Compares an imported specification with the built-in one. */
export function compareSpecifications(imported: Specification, builtIn: Specification): Comparison {
  const c: Comparison = { source: builtIn.source, units: tally(), outcomes: tally(), criteria: tally(), differences: [] };
  const key = (ref: string) => ref.replace(/[\s/]+/g, '').toUpperCase();
  const mine = new Map(imported.units.map((u) => [key(u.ref), u]));
  const theirs = new Map(builtIn.units.map((u) => [key(u.ref), u]));
  for (const [k, b] of theirs) {
    const a = mine.get(k);
    if (!a) {
      c.units.missing++;
      c.differences.push({ kind: 'unit', what: 'missing', where: b.ref, builtIn: unitFields(b) });
      const n = b.outcomes.reduce((s, o) => s + o.criteria.length, 0);
      c.outcomes.missing += b.outcomes.length;
      c.criteria.missing += n;
      continue;
    }
    if (unitFields(a) === unitFields(b)) c.units.matched++;
    else {
      c.units.differ++;
      c.differences.push({ kind: 'unit', what: 'differ', where: b.ref, builtIn: unitFields(b), imported: unitFields(a) });
    }
    const outs = new Map(a.outcomes.map((o) => [o.number, o]));
    for (const bo of b.outcomes) {
      const ao = outs.get(bo.number);
      const where = `${b.ref} outcome ${bo.number}`;
      if (!ao) {
        c.outcomes.missing++;
        c.criteria.missing += bo.criteria.length;
        c.differences.push({ kind: 'outcome', what: 'missing', where, builtIn: bo.title });
        continue;
      }
      outs.delete(bo.number);
      if (looseText(ao.title) === looseText(bo.title)) c.outcomes.matched++;
      else {
        c.outcomes.differ++;
        c.differences.push({ kind: 'outcome', what: 'differ', where, builtIn: bo.title, imported: ao.title });
      }
      const crits = new Map(ao.criteria.map((x) => [criterionNumberOf(x.id), x]));
      for (const bc of bo.criteria) {
        const n = criterionNumberOf(bc.id);
        const ac = crits.get(n);
        const w = `${b.ref} ${n}`;
        if (!ac) {
          c.criteria.missing++;
          c.differences.push({ kind: 'criterion', what: 'missing', where: w, builtIn: bc.text });
          continue;
        }
        crits.delete(n);
        if (looseText(ac.text) === looseText(bc.text)) c.criteria.matched++;
        else {
          c.criteria.differ++;
          c.differences.push({ kind: 'criterion', what: 'differ', where: w, builtIn: bc.text, imported: ac.text });
        }
      }
      for (const [n, ac] of crits) {
        c.criteria.extra++;
        c.differences.push({ kind: 'criterion', what: 'extra', where: `${b.ref} ${n}`, imported: ac.text });
      }
    }
    for (const [n, ao] of outs) {
      c.outcomes.extra++;
      c.criteria.extra += ao.criteria.length;
      c.differences.push({ kind: 'outcome', what: 'extra', where: `${b.ref} outcome ${n}`, imported: ao.title });
    }
  }
  for (const [k, a] of mine) {
    if (theirs.has(k)) continue;
    c.units.extra++;
    c.outcomes.extra += a.outcomes.length;
    c.criteria.extra += a.outcomes.reduce((s, o) => s + o.criteria.length, 0);
    c.differences.push({ kind: 'unit', what: 'extra', where: a.ref, imported: unitFields(a) });
  }
  return c;
}

/** Imports a specification file with the general importer and compares it with its built-in copy. */
export function compareFile(file: string, builtIn: Specification[]): Comparison & { warnings: number } {
  const source = basename(file);
  const spec = builtIn.find((s) => s.source === source);
  if (!spec) throw new Error(`${source} is not in the built-in catalogue`);
  const result = importText(readFileSync(file, 'utf8'), source);
  return { ...compareSpecifications(result.specification, spec), warnings: result.warnings.length };
}

/** "matched/missing/extra/differ" for a tally. */
export function formatTally(t: Tally): string {
  return `${t.matched}/${t.missing}/${t.extra}/${t.differ}`;
}
