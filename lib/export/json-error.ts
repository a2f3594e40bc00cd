/**
 * Finds where broken JSON breaks: the line, column and JSON path of the first defect, or
 * the path being read when the text ends early. Engines word JSON.parse errors
 * differently (and not all give a position), so this small checker gives one message.
 */
import { jsonPath } from './errors';

/** Where a JSON text first goes wrong. */
export interface JsonDefect {
  line: number;
  column: number;
  /** The JSON path of the value being read. */
  path: string;
  /** True when the text simply ends too soon (a file cut short). */
  truncated: boolean;
}

class Stop {
  constructor(readonly pos: number) {}
}

/** Locates the first defect in `text`, or returns null when it is valid JSON. */
export function findJsonDefect(text: string): JsonDefect | null {
  let i = 0;
  const path: PropertyKey[] = [];
  const ws = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t')) i++;
  };
  const expect = (ch: string) => {
    if (text[i] !== ch) throw new Stop(i);
    i++;
  };
  const string = (): string => {
    expect('"');
    const start = i;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') i++;
      else if (text.charCodeAt(i) < 0x20) throw new Stop(i);
      i++;
    }
    if (i >= text.length) throw new Stop(i);
    const raw = text.slice(start, i);
    i++;
    try {
      return JSON.parse(`"${raw}"`) as string;
    } catch {
      throw new Stop(start);
    }
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') return void i++;
      for (;;) {
        ws();
        const key = string();
        ws();
        expect(':');
        path.push(key);
        value();
        path.pop();
        ws();
        if (text[i] === ',') i++;
        else return expect('}');
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') return void i++;
      for (let n = 0; ; n++) {
        path.push(n);
        value();
        path.pop();
        ws();
        if (text[i] === ',') i++;
        else return expect(']');
      }
    }
    if (c === '"') return void string();
    const m = /^(-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 400));
    if (!m) throw new Stop(i);
    i += m[0].length;
  };
  try {
    value();
    ws();
    if (i < text.length) throw new Stop(i);
    return null;
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
    const before = text.slice(0, e.pos);
    const line = before.split('\n').length;
    return { line, column: e.pos - before.lastIndexOf('\n'), path: jsonPath(path), truncated: e.pos >= text.length };
  }
}
