/**
 * The Ascentis appendices' tracking sheets: they repeat each unit's criteria, reworded, so
 * they are read only for their numbers and checked against the unit pages, which stay the
 * authority.
 */
import type { Unit } from '../model';
import { cleanText } from './text';
import { titleKey, type Warn } from './outcome-rows';

/** A tracking sheet of the appendix: the unit it is for and the criterion numbers it lists. */
interface TrackingSheet {
  title: string;
  line: number;
  rows: { number: string; line: number }[];
}

/** Reads the tracking sheets only for their numbers: their words are reworded, never criteria. */
export function readTrackingSheets(lines: string[], from: number, to: number): TrackingSheet[] {
  const sheets: TrackingSheet[] = [];
  let sheet: TrackingSheet | null = null;
  let awaitingTitle = false;
  for (let i = from; i < to; i++) {
    const t = cleanText(lines[i].replace(/^#+\s*/, ''));
    if (!t) continue;
    if (/^tracking sheet$/i.test(t)) {
      awaitingTitle = true;
      sheet = null;
      continue;
    }
    if (awaitingTitle) {
      sheet = { title: t, line: i + 1, rows: [] };
      sheets.push(sheet);
      awaitingTitle = false;
      continue;
    }
    const m = /^(\d{1,2})\.(\d{1,2})\.?\s/.exec(t);
    if (sheet && m) sheet.rows.push({ number: `${m[1]}.${Number(m[2])}`, line: i + 1 });
  }
  return sheets;
}

/**
 * A tracking sheet that lists a number the unit's table lacks (or lacks one it has) points at
 * a criterion lost from, or added to, one of the two: the unit's table stays the authority.
 */
export function checkTrackingSheets(sheets: TrackingSheet[], units: Unit[], warn: Warn): void {
  for (const sheet of sheets) {
    const unit = units.find((u) => titleKey(u.title) === titleKey(sheet.title));
    if (!unit) {
      warn(sheet.line, 'tracking-sheet-unknown-unit', `Tracking sheet for "${sheet.title}", which has no unit page`);
      continue;
    }
    const own = new Set(unit.outcomes.flatMap((o) => o.criteria.map((c) => c.number)));
    const listed = new Set(sheet.rows.map((r) => r.number));
    for (const r of sheet.rows) {
      if (!own.has(r.number)) warn(r.line, 'tracking-sheet-extra', `The tracking sheet for "${unit.title}" lists criterion ${r.number}, which the unit's table does not print`);
    }
    for (const n of own) {
      if (!listed.has(n)) warn(sheet.line, 'tracking-sheet-missing', `The tracking sheet for "${unit.title}" leaves out criterion ${n}`);
    }
  }
}
