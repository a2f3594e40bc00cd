/**
 * Dates as people read them in a spreadsheet: local `dd/mm/yyyy HH:MM` (or `dd/mm/yyyy`),
 * which Excel in a UK locale reads as dates, where ISO UTC text with milliseconds stays
 * text. Reading takes UK day-first dates (as Excel saves them back) and never US ones.
 */

const two = (n: number) => String(n).padStart(2, '0');

/** Local `dd/mm/yyyy` of an ISO timestamp. */
export function localDate(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${two(d.getDate())}/${two(d.getMonth() + 1)}/${d.getFullYear()}`;
}

/** Local `yyyy-mm-dd` of a time: the day a due date (also yyyy-mm-dd) is compared with. */
export function localIsoDay(d: Date): string {
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
}

/** Local `dd/mm/yyyy HH:MM` of an ISO timestamp. */
export function localDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${localDate(iso)} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

const UK = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/** A UK date read from a cell: the local time it names and how much of it the cell gave. */
export interface UkDate {
  date: Date;
  precision: 'day' | 'minute' | 'second';
}

/**
 * Reads `dd/mm/yyyy`, `dd/mm/yyyy HH:MM` or `dd/mm/yyyy HH:MM:SS` (day and month may have
 * one digit; a two-digit year is 20yy) as a local time; null when the text is not such a
 * date or names no real day (31/02).
 */
export function readUkDate(text: string): UkDate | null {
  const m = UK.exec(text.trim());
  if (!m) return null;
  const [day, month, rawYear, hour = '0', minute = '0', second = '0'] = m.slice(1);
  const year = rawYear.length === 2 ? 2000 + Number(rawYear) : Number(rawYear);
  const date = new Date(year, Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second));
  if (date.getFullYear() !== year || date.getMonth() !== Number(month) - 1 || date.getDate() !== Number(day)) return null;
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return null;
  return { date, precision: m[6] !== undefined ? 'second' : m[4] !== undefined ? 'minute' : 'day' };
}

/** True when an ISO time falls within what a UK date cell names (its day, minute or second). */
export function agrees(iso: string, cell: UkDate): boolean {
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return false;
  const c = cell.date;
  if (t.getFullYear() !== c.getFullYear() || t.getMonth() !== c.getMonth() || t.getDate() !== c.getDate()) return false;
  if (cell.precision === 'day') return true;
  if (t.getHours() !== c.getHours() || t.getMinutes() !== c.getMinutes()) return false;
  return cell.precision === 'minute' || t.getSeconds() === c.getSeconds();
}
