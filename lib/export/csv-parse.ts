/**
 * The CSV reader under {@link streamCsv}: reads text into rows of cells exactly as
 * papaparse does with `skipEmptyLines: true` (csv-parse.test.ts checks the two agree,
 * errors included), in about a third of the time on a large tag set. Papaparse tries
 * every quote mark as the closing one and re-checks around it; a tag set has thousands
 * of doubled quotes (its Passage record is JSON), so here a doubled quote is stepped over
 * at once and cells are cut straight out of the text.
 */

/** A quoted cell that is not closed, or is closed somewhere other than the end of its cell. */
export class QuoteError extends Error {
  /** Index of the row the cell is in (0 for the first line of the file). */
  constructor(readonly row: number) {
    super(`Row ${row + 1}: a quoted cell is never closed (the file may be cut short).`);
  }
}

/** The line end a file uses, guessed as papaparse does: from its first megabyte, outside quotes. */
export function guessNewline(text: string): string {
  const head = text.slice(0, 1 << 20).replace(/"([^]*?)"/gm, '');
  const r = head.split('\r');
  const n = head.split('\n');
  if (r.length === 1 || (n.length > 1 && n[0].length < r[0].length)) return '\n';
  let withN = 0;
  for (const part of r) if (part[0] === '\n') withN++;
  return withN >= r.length / 2 ? '\r\n' : '\r';
}

/**
 * Reads rows from `pos` on, appending them to `rows`, until it has passed `stop` (then it
 * finishes the row it is in) or the end of the text. Empty lines are skipped. Returns
 * where it stopped. `rowIndex` is the index of the row at `pos`, for errors; throws
 * {@link QuoteError}. A quoted cell in column `rawColumn` is given as it is in the text,
 * quotes and all (see {@link unquote}), for a reader that can often do without it.
 */
export function readCsvRows(text: string, newline: string, pos: number, stop: number, rows: string[][], rowIndex: number, rawColumn = -1): number {
  const end = text.length;
  const nlLength = newline.length;
  // The next comma and line end from where we are, found once and reused across cells.
  let comma = -1;
  let nl = -1;
  while (pos < end && pos < stop) {
    const row: string[] = [];
    for (;;) {
      if (text.charCodeAt(pos) === 34) {
        // A doubled quote is one quote of the cell: the cell is the text between them,
        // each piece cut up to and including the first quote of a pair.
        const raw = row.length === rawColumn;
        let close = text.indexOf('"', pos + 1);
        let from = pos + 1;
        let cell = '';
        while (close !== -1 && text.charCodeAt(close + 1) === 34) {
          if (!raw) cell += text.slice(from, close + 1);
          from = close + 2;
          close = text.indexOf('"', from);
        }
        if (close === -1) throw new QuoteError(rowIndex + rows.length);
        row.push(raw ? text.slice(pos, close + 1) : from === pos + 1 ? text.slice(from, close) : cell + text.slice(from, close));
        let after = close + 1;
        if (after < end && text.charCodeAt(after) !== 44 && !text.startsWith(newline, after)) after = afterSpaces(text, after, newline);
        if (after >= end) {
          pos = end;
          break;
        }
        if (text.charCodeAt(after) === 44) {
          pos = after + 1;
        } else if (text.startsWith(newline, after)) {
          pos = after + nlLength;
          break;
        } else {
          throw new QuoteError(rowIndex + rows.length);
        }
      } else {
        if (comma < pos) {
          comma = text.indexOf(',', pos);
          if (comma === -1) comma = end;
        }
        if (nl < pos) {
          nl = text.indexOf(newline, pos);
          if (nl === -1) nl = end;
        }
        if (comma >= nl) {
          row.push(text.slice(pos, nl));
          pos = nl === end ? end : nl + nlLength;
          break;
        }
        row.push(text.slice(pos, comma));
        pos = comma + 1;
      }
      // A comma ending the text starts one last, empty cell.
      if (pos === end) {
        row.push('');
        break;
      }
    }
    if (row.length !== 1 || row[0] !== '') rows.push(row);
  }
  return pos;
}

/**
 * Where the cell really ends after a closing quote: papaparse lets whitespace stand between
 * a closing quote and the comma or line end. Returns `from` itself when that is not so.
 */
function afterSpaces(text: string, from: number, newline: string): number {
  let comma = text.indexOf(',', from);
  const nl = text.indexOf(newline, from);
  if (comma === -1 && nl === -1) return from;
  if (comma === -1 || (nl !== -1 && nl < comma)) comma = nl;
  const between = text.slice(from, comma);
  return between.trim() === '' ? comma : from;
}

/** The value of a cell {@link readCsvRows} gave as it is in the text. */
export function unquote(raw: string): string {
  if (raw.charCodeAt(0) !== 34) return raw;
  // As readCsvRows does: pieces up to and including the first quote of each pair.
  let cell = '';
  let from = 1;
  for (let q = raw.indexOf('"', 1); q !== -1 && q < raw.length - 1; q = raw.indexOf('"', from)) {
    cell += raw.slice(from, q + 1);
    from = q + 2;
  }
  return cell + raw.slice(from, -1);
}
