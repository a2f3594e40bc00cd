/**
 * Reads the structure tables of the three specifications that define qualifications (the
 * rows that list each unit's ref, level and credit) straight from ../shared/specs, so that
 * tests of the rules and of data/sources/qualifications.ts use the documents' own figures
 * rather than numbers typed into the tests.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Level } from '../../lib/catalogue/model';

const ROOT = resolve(__dirname, '../..');
const SPECS = resolve(ROOT, '..', 'shared', 'specs');

/** One row of a structure table. */
export interface TableRow {
  ref: string;
  title: string;
  level: Level;
  credit: number;
  /** 1-based line of the row in the document. */
  line: number;
}

/** The spec's file name per spec id. */
export const SPEC_FILES: Record<string, string> = {
  'edi-l2': 'edi-l2-nvq-certificate-customer-service.txt',
  'habc-l3': 'habc-l3-diploma-customer-service.txt',
  'ascentis-l1': 'ascentis-l1-introduction-to-customer-service.txt',
};

function lines(specId: string): string[] {
  return readFileSync(resolve(SPECS, SPEC_FILES[specId]), 'utf8').split('\n');
}

function level(s: string): Level {
  const e = /^Entry (\d)$/.exec(s.trim());
  if (e) return `Entry ${Number(e[1]) as 1 | 2 | 3}`;
  return Number(s.replace(/^Level\s*/i, ''));
}

/** Rows of the structure table(s), grouped by the table they sit in, keyed by group id. */
export function structureTable(specId: string): { rows: TableRow[]; groups: Record<string, string[]> } {
  const rows: TableRow[] = [];
  const groups: Record<string, string[]> = {};
  let group = '';
  const add = (ref: string, title: string, lv: string, credit: string, line: number) => {
    rows.push({ ref, title, level: level(lv), credit: Number(credit), line });
    (groups[group] ??= []).push(ref);
  };
  lines(specId).forEach((text, i) => {
    const c = text.split('\t');
    if (specId === 'edi-l2') {
      // "GROUP A\tUNIT CODE\t..." opens a group; rows are "F1\tCU791\ttitle\tlevel\tcredit".
      const g = /^group ([A-E])$/i.exec(c[0]);
      if (g && c[1] === 'UNIT CODE') group = g[1].toUpperCase();
      else if (group && /^CU\d+$/.test(c[1] ?? '') && c.length === 5) add(c[1], c[2], c[3], c[4], i + 1);
    } else if (specId === 'habc-l3') {
      // Appendix 1: "Mandatory Group" / "Optional Group A|B" then "n\tref\ttitle\tlevel\tcredit".
      const g = /^(Mandatory Group|Optional Group ([AB]))$/.exec(text.trim());
      if (g) group = g[2] ?? 'Mandatory';
      else if (/^Appendix 2/.test(text)) group = '';
      else if (group && /^\d+$/.test(c[0]) && /^[A-Z]\/\d{3}\/\d{4}$/.test(c[1] ?? '')) add(c[1], c[2], c[3], c[4], i + 1);
    } else {
      // Rules of Combination: "title\tLevel 1\tcredit\tglh\tref" rows under each group line.
      if (/^Ascentis Level 1 (Award|Certificate)/.test(text)) group = /Award/.test(text) ? 'Award A' : 'Certificate A';
      else if (/^Group B – Optional Units\t/.test(text)) group = 'B';
      else if (/^<b>Credits from equivalent/.test(text)) group = '';
      else if (group && c.length === 5 && /^(Level 1|Entry 3)$/.test(c[1]) && /\d{3}\/\d{4}$/.test(c[4])) add(c[4], c[0], c[1], c[2], i + 1);
    }
  });
  return { rows, groups };
}

/** Credits and levels by ref, from the spec's structure tables. */
export function unitsByRef(specId: string): Map<string, TableRow> {
  return new Map(structureTable(specId).rows.map((r) => [r.ref, r]));
}
