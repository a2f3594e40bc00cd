/**
 * Reads the rules of combination a specification prints, into the catalogue's model
 * (model.ts Rules), for the units the structure parser found. Deliberately narrow: it
 * reads the section headed "Rules of combination" (else "Qualification structure") and,
 * in it, only these printed forms:
 *
 * - total credits: "a minimum of 28 credits", "must achieve 37 credits", "Minimum credits: Level 1 Award: 7";
 * - groups: a heading or table header "Group A ... Mandatory Units", "Optional Group B",
 *   "Mandatory Group", and the unit rows under it (a row counts when it prints the ref of
 *   a unit the importer found);
 * - a group's minimum or maximum, in the group's heading or the lines after it, or named:
 *   "a minimum of 15 credits from optional group A", "a maximum of 9 credits from this
 *   group", "at least 2 units from this group", "a minimum of one unit from each optional group";
 * - credits at a level: "40 credits ... at level 3 and above" (whole qualification, or
 *   "from optional groups B to E"), and within a group "2 credits ... must be at Level 1,
 *   a further 2 credits ... at any level";
 * - barred pairs: a row or sentence with two refs and "may not / cannot be taken with",
 *   "barred", "not be combined with";
 * - guided learning hours when one figure is printed ("GLH: 120", "Level 1 Award: 57").
 *
 * Each qualification is started by a "Minimum credits: <name>: N" line or, without one,
 * is the one qualification of the document. What it sees but cannot read, and what
 * contradicts itself, becomes a warning with its line and page; nothing is guessed silently.
 *
 * One file (507 lines): readSectionAt is one pass over the section's lines, and the state
 * it carries (the qualification being read, the open group, limits waiting for their group)
 * is what every form above reads and writes; split, each part would take all of it.
 */
import type { Level, Qualification, RuleGroup, Rules, Specification } from '../model';
import type { ImportWarning, SourceLine } from './lines';

const NUMBER_WORDS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70,
  eighty: 80, ninety: 90, hundred: 100,
};

/** A number as printed: digits, or words ("twenty eight", "twenty-eight", "eleven"). */
const NUM = String.raw`(\d+|(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen))`;

export function numberOf(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  return s
    .toLowerCase()
    .split(/[\s-]+/)
    .reduce((n, w) => n + (NUMBER_WORDS[w] ?? 0), 0);
}

const refKey = (r: string) => r.replace(/[\s/]+/g, '').toUpperCase();
const titleKey = (t: string) => t.toLowerCase().replace(/\((?:entry \d|level \d)\)/g, '').replace(/[^a-z0-9]+/g, ' ').trim();
/** Markdown emphasis and the few tags a text export keeps. */
const plain = (s: string) => s.replace(/<\/?[a-z][^>]*>/gi, '').replace(/\*\*|__/g, '').replace(/^#+\s*/, '').trim();

const SECTION = /^(?:appendix\s+\w+\s*[:.-]?\s*)?(rules\s+of\s+combination|qualification\s+structure|structure\s+of\s+the\s+qualification)\s*:?$/i;
/** Lines that end the section: a unit's own page, another appendix, a unit's outcomes. */
const SECTION_END = /^(?:appendix\s+\w+|unit\s+(?:[A-Z]{1,4}\s?\d{2,5}|[A-Z]\/\d{3}\/\d{4}|\d+)\b|learning\s+outcomes\b)/i;
const GROUP_HEAD = /^(?:(mandatory|optional)\s+)?group\s+([A-Z]|\d{1,2})\b\s*[-–—:]?\s*(.*)$/i;
const MANDATORY_GROUP = /^mandatory\s+(?:group|units)\s*[-–—:]?\s*$/i;
const BARRED = /\b(?:may|must|can)\s*not\s+be\s+(?:taken|combined|achieved)\s+(?:with|together)|\bcannot\s+be\s+(?:taken|combined|achieved)\s+(?:with|together)|\bbarred\b/i;
const LEVEL_PHRASE = new RegExp(String.raw`\b(?:at|from)\s+(or\s+above\s+)?level\s+(\d|entry\s+\d)(\s+(?:and|or)\s+above)?`, 'i');
/** Where a sentence holds two rules: "at least 2 units, and no more than 18 credits from this group". */
const CLAUSE = /\s*;\s*|,?\s+and\s+(?=(?:a\s+|an\s+)?(?:minimum|maximum|at\s+least|at\s+most|no\s+more|further|\d+\s|all)\b)/i;
const QUAL_NUMBER = /\b(\d{3}\/\d{4}\/[\dX])\b/;

interface DraftQual {
  /** The qualification's title, when printed before its rules. */
  name: string | null;
  /** The short name its minimum credits are printed under: "Level 1 Award". */
  label?: string | null;
  line: SourceLine | null;
  minCredits: { value: number; line: SourceLine } | null;
  maxCredits?: number;
  groups: (RuleGroup & { line: SourceLine })[];
  levelConstraints: Rules['levelConstraints'];
  /** "a minimum of one unit from each optional group", applied at the end. */
  eachOptionalMinUnits?: number;
  mandatoryTotal?: { credits: number; line: SourceLine };
  summary: string[];
  glh: number | null;
}

export interface RulesReading {
  qualifications: Qualification[];
  warnings: ImportWarning[];
}

/**
 * Reads the rules of combination of `spec` (its units as the importer found them) from
 * the document's lines. No section found: no qualification, and no warning (many unit
 * specifications print no rules).
 */
export function readRules(lines: SourceLine[], spec: Specification): RulesReading {
  // Candidate sections: every "Rules of combination" / "Qualification structure" heading
  // (a contents line, with its page number, is not one). The one whose groups list the most
  // of the units found is read; on a tie, "Rules of combination" wins over "Qualification
  // structure" (HABC prints a short structure and the full rules in an appendix; EDI an
  // introduction to rules in general, then its structure).
  const heads = lines.map((l, i) => ({ i, m: SECTION.exec(plain(l.text)) })).filter((h) => h.m);
  let best: (RulesReading & { score: number; rules: boolean }) | null = null;
  for (const h of heads) {
    const r = readSectionAt(lines, spec, h.i);
    const rules = /rules/i.test(h.m![1]);
    if (r.score > 0 && (!best || r.score > best.score || (r.score === best.score && rules && !best.rules))) best = { ...r, rules };
  }
  return best ? { qualifications: best.qualifications, warnings: best.warnings } : { qualifications: [], warnings: [] };
}

function readSectionAt(lines: SourceLine[], spec: Specification, headIndex: number): RulesReading & { score: number } {
  const warnings: ImportWarning[] = [];
  const warn = (l: SourceLine, code: string, message: string) => warnings.push({ line: l.line, page: l.page, code, message });
  const units = new Map(spec.units.map((u) => [refKey(u.ref), u]));
  const byTitle = new Map(spec.units.map((u) => [titleKey(u.title), u]));
  const head = { i: headIndex };
  /** Each unit's ref as a word in a sentence ("Unit A/100/0004 cannot be taken with..."). */
  const refPatterns = spec.units
    .filter((u) => u.ref.length >= 4)
    .map((unit) => ({ unit, re: new RegExp(`(?:^|[^\\w/])${unit.ref.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(?![\\w/])`) }));
  const headHashes = /^(#+)\s/.exec(lines[headIndex].text.trim())?.[1].length;
  let end = lines.length;
  for (let i = head.i + 1; i < lines.length; i++) {
    const t = plain(lines[i].text);
    const hashes = /^(#+)\s/.exec(lines[i].text.trim())?.[1].length;
    if ((SECTION_END.test(t) && !GROUP_HEAD.test(t) && !BARRED.test(t)) || SECTION.test(t) || (headHashes && hashes && hashes <= headHashes)) {
      end = i;
      break;
    }
  }
  const section = lines.slice(head.i + 1, end);

  const quals: DraftQual[] = [];
  const newQual = (name: string | null, line: SourceLine | null): DraftQual => {
    const q: DraftQual = { name, line, minCredits: null, groups: [], levelConstraints: [], summary: [], glh: null };
    quals.push(q);
    return q;
  };
  let q = newQual(null, null);
  let group: DraftQual['groups'][number] | null = null;
  let barredMode = false;
  const barred: Rules['barred'] = [];
  let prevText = '';

  const setTotal = (value: number, l: SourceLine) => {
    if (q.minCredits && q.minCredits.value !== value) {
      warn(l, 'rules-contradiction', `The rules give two minimum totals: ${q.minCredits.value} credits (line ${q.minCredits.line.line}) and ${value} credits here; ${q.minCredits.value} is kept: check it`);
      return;
    }
    q.minCredits ??= { value, line: l };
  };
  const findGroup = (id: string) => q.groups.find((g) => g.id.toLowerCase() === id.toLowerCase());
  /** Sets a group's minimum or maximum, warning when the document already gave another. */
  const limitLine = new Map<string, number>();
  const setLimit = (g: RuleGroup, key: 'minCredits' | 'maxCredits' | 'minUnits' | 'maxUnits', value: number, l: SourceLine) => {
    const cur = g[key];
    const at = (k: string) => limitLine.get(`${g.id}:${k}`);
    if (cur !== undefined && cur !== value) {
      warn(l, 'rules-contradiction', `Group ${g.id}: line ${at(key)} gives ${key} ${cur}, this line ${value}; ${cur} is kept: check it`);
      return;
    }
    limitLine.set(`${g.id}:${key}`, l.line);
    const other = key === 'minCredits' ? 'minUnits' : key === 'minUnits' ? 'minCredits' : key === 'maxCredits' ? 'maxUnits' : 'maxCredits';
    if (g[other] === value) {
      // HABC: "A minimum of 15 units from Optional Group A" and "a minimum of 15 credits from this group".
      const credits = key.endsWith('Credits') ? key : other;
      const unitsKey = key.endsWith('Units') ? key : other;
      warn(
        l,
        'rules-contradiction',
        `Group ${g.id}: line ${at(other) ?? l.line} says a minimum of ${value} ${other.endsWith('Units') ? 'units' : 'credits'}, line ${l.line} ${value} ${key.endsWith('Units') ? 'units' : 'credits'}; read as ${value} credits — check the specification and correct the rules if it means units`,
      );
      g[credits] = value;
      delete g[unitsKey];
      return;
    }
    g[key] = value;
  };

  /** Reads the statements a sentence makes; true when it read one. */
  const readSentence = (s: string, l: SourceLine): boolean => {
    const low = s.toLowerCase();
    let read = false;
    const qty = new RegExp(String.raw`\b(minimum|maximum|at\s+least|at\s+most|no\s+more\s+than|all)?\s*(?:of\s+)?${NUM}\s+(credits?|units?)\b`, 'i');
    const level = LEVEL_PHRASE.exec(s);
    // Credits within a group at a level: "2 credits required which must be at Level 1, a further 2 ... at any level".
    const atLevel = new RegExp(String.raw`${NUM}\s+credits?\s+(?:required\s+)?(?:which\s+)?must\s+be\s+(?:at|from)\s+level\s+(\d)`, 'i').exec(s);
    if (atLevel && group) {
      const credits = numberOf(atLevel[1]);
      group.minCreditsAtLevel = { level: Number(atLevel[2]) as Level, credits };
      const further = new RegExp(String.raw`a\s+further\s+${NUM}\s+credits?`, 'i').exec(s);
      setLimit(group, 'minCredits', credits + (further ? numberOf(further[1]) : 0), l);
      return true;
    }
    // Credits at a level for the whole qualification (or named groups).
    if (level && /credits?/i.test(s) && !/must\s+achieve\s+(?:a\s+minimum\s+of\s+)?\S+\s+credits\.?$/i.test(s.split(',')[0])) {
      const m = new RegExp(String.raw`${NUM}\s+credits?`, 'i').exec(s);
      if (m && m.index < level.index) {
        const lv = /entry/i.test(level[2]) ? (`Entry ${level[2].replace(/\D/g, '')}` as Level) : (Number(level[2]) as Level);
        const c: Rules['levelConstraints'][number] = { minLevel: lv, credits: numberOf(m[1]), description: s.trim() };
        if (!level[1] && !level[3]) {
          warn(l, 'rules-level-reading', `"${s.trim()}" is read as ${c.credits} credits at level ${level[2]} or above`);
        }
        const range = /groups?\s+([A-Z])\s+(?:to|-|–)\s+([A-Z])\b/.exec(s);
        if (range) {
          const ids = [];
          for (let k = range[1].charCodeAt(0); k <= range[2].charCodeAt(0); k++) ids.push(String.fromCharCode(k));
          c.groups = ids;
        }
        q.levelConstraints.push(c);
        return true;
      }
    }
    // "Learners must achieve all units in this group": the group is mandatory.
    if (/\ball\s+(?:the\s+)?units\b/.test(low) && group && /this\s+group|in\s+the\s+group/.test(low)) {
      group.mandatory = true;
      read = true;
    }
    // The mandatory group's total, checked against its units' credits at the end.
    const mandatoryTotal = new RegExp(String.raw`${NUM}\s+credits?\s+from\s+the\s+mandatory|mandatory\s+(?:group|units?)\s+(?:totall?ing|of)\s+${NUM}\s+credits?`, 'i').exec(s);
    if (mandatoryTotal) {
      q.mandatoryTotal = { credits: numberOf(mandatoryTotal[1] ?? mandatoryTotal[2]), line: l };
      read = true;
    }
    // A named group: "15 credits from optional group A", "... from this group", "one unit from each optional group".
    const named = new RegExp(String.raw`\b(minimum|maximum|at\s+least|at\s+most|no\s+more\s+than)?\s*(?:of\s+)?${NUM}\s+(credits?|units?)\s+(?:\w+\s+){0,3}?(?:from|in)\s+(?:the\s+)?(?:(each)\s+optional\s+group|(?:(?:mandatory|optional)\s+)?group\s+([A-Z]|\d{1,2})\b|(this)\s+group)`, 'i').exec(s);
    if (named) {
      const isMax = /maximum|most|no more/i.test(named[1] ?? '');
      const n = numberOf(named[2]);
      const kind = /credit/i.test(named[3]) ? 'Credits' : 'Units';
      const key = `${isMax ? 'max' : 'min'}${kind}` as 'minCredits';
      if (named[4]) q.eachOptionalMinUnits = kind === 'Units' && !isMax ? n : undefined;
      if (named[4] && !(kind === 'Units' && !isMax)) warn(l, 'rules-unread', `"${s.trim()}": a rule for each optional group that is not a minimum of units is not read`);
      const g = named[5] ? findGroup(named[5]) ?? pendingGroup(named[5], /mandatory/i.test(named[0]), l) : named[6] ? group : null;
      if (g) setLimit(g, key, n, l);
      else if (!named[4]) warn(l, 'rules-unread', `"${s.trim()}" names a group this section does not list: not read`);
      return true;
    }
    if (mandatoryTotal) return true;
    // Total credits: "learners must achieve a minimum of 55 credits overall", "must achieve 37 credits".
    const total = qty.exec(s);
    // Under a group's heading, a bare "a minimum of 6 credits" may be the group's or the
    // qualification's: only words that name the whole qualification make it a total.
    const whole = group ? /\b(?:overall|total|qualification|in\s+all)\b/i : /\b(?:achieve|achieved|total|overall|required|minimum|qualification)\b/i;
    if (total && /credit/i.test(total[3]) && whole.test(s) && !/\bgroup\b|\bunit\b/i.test(s.slice(total.index))) {
      if (/maximum|at\s+most|no\s+more/i.test(total[1] ?? '')) {
        q.maxCredits = numberOf(total[2]);
      } else setTotal(numberOf(total[2]), l);
      return true;
    }
    return read;
  };
  /** A group named in prose before its heading (HABC names A and B first). */
  const pending = new Map<string, DraftQual['groups'][number]>();
  const pendingGroup = (id: string, mandatory: boolean, l: SourceLine) => {
    const g = { id, title: `${mandatory ? 'Mandatory' : 'Optional'} group ${id}`, mandatory, units: [], line: l };
    q.groups.push(g);
    pending.set(id.toLowerCase(), g);
    return g;
  };

  for (const l of section) {
    const text = plain(l.text);
    if (!text) continue;
    const cells = l.text.split('\t').map(plain).filter(Boolean);
    const first = cells[0] ?? '';

    // A new qualification: "Minimum credits: Level 1 Award: 7".
    const minLine = new RegExp(String.raw`^(?:minimum|total)\s+(?:total\s+)?credits?(?:\s+value)?\s*:?\s*(?:(.+?)\s*:\s*)?${NUM}\s*$`, 'i').exec(first);
    if (minLine) {
      if (q.minCredits || q.groups.length) q = newQual(minLine[1] ?? null, l);
      else {
        q.name = minLine[1] ?? null;
        q.line = l;
      }
      q.label = minLine[1] ?? null;
      q.name = prevText && /\b(award|certificate|diploma|extended)\b/i.test(prevText) ? prevText : q.label;
      q.summary.push(text);
      setTotal(numberOf(minLine[2]), l);
      group = null;
      barredMode = false;
      prevText = text;
      continue;
    }
    if (/^barred\s+(?:combinations?|units?)\b/i.test(first)) {
      barredMode = true;
      group = null;
      prevText = text;
      continue;
    }

    // A group heading or a table header naming a group.
    const gh = GROUP_HEAD.exec(first) ?? (MANDATORY_GROUP.test(first) ? (['', 'mandatory', 'Mandatory', ''] as unknown as RegExpExecArray) : null);
    if (gh && !BARRED.test(text)) {
      barredMode = false;
      const id = gh[2];
      const words = [gh[1] ?? '', gh[3] ?? '', ...cells.slice(1)].join(' ');
      const mandatory = /mandatory/i.test(words) ? true : /optional/i.test(words) ? false : undefined;
      const title = (cells.slice(1).find((c) => /mandatory|optional/i.test(c)) ?? (gh[3] || first)).replace(/\s+(?:for|learners|credits)\b.*$/i, '').trim();
      let g = findGroup(id);
      if (g && pending.get(id.toLowerCase()) === g) {
        pending.delete(id.toLowerCase());
        g.line = l;
        g.title = title || g.title;
        if (mandatory !== undefined) g.mandatory = mandatory;
      } else if (!g) {
        g = { id, title: title || `Group ${id}`, mandatory: mandatory ?? false, units: [], line: l };
        if (mandatory === undefined) warn(l, 'rules-group-kind', `Group ${id} is not called mandatory or optional: read as optional`);
        q.groups.push(g);
      }
      group = g;
      // Rules printed in the heading itself ("Group B – Optional Units Credits from ...: 2 credits required ...").
      const rest = gh[3] ?? '';
      if (/\d|credit|unit/i.test(rest)) {
        for (const s of rest.split(/(?<=[.;])\s+/)) if (/credit|units?\b/i.test(s) && !/\bmandatory units?$/i.test(s.trim())) readSentence(s, l);
        q.summary.push(text);
      }
      prevText = text;
      continue;
    }

    // A row that prints refs.
    const proseRefs = cells.length === 1 && BARRED.test(text) ? refPatterns.filter((p) => p.re.test(text)).map((p) => p.unit) : [];
    if (BARRED.test(text) && proseRefs.length === 2 && !barredMode) {
      barred.push({ units: [proseRefs[0].ref, proseRefs[1].ref], reason: text });
      q.summary.push(text);
      prevText = text;
      continue;
    }
    const refsHere = cells.filter((c) => /^[A-Z]{1,3}\s?\/?\s?\d{3}\s?\/\s?\d{4}$|^[A-Z]{1,4}\s?\d{2,5}$/.test(c) && !/^[A-Z]\d{1,2}$/.test(c));
    // A barred table ends at the first line that names no unit.
    if (barredMode && !BARRED.test(text) && !cells.some((c) => /\d{3,5}$/.test(c)) && cells.length < 3) barredMode = false;
    if (barredMode || (BARRED.test(text) && refsHere.length >= 2)) {
      if (BARRED.test(text) || refsHere.length >= 2) {
        const pair = readBarred(cells, l);
        if (pair) barred.push(pair);
      }
      prevText = text;
      continue;
    }
    if (refsHere.length && cells.length >= 2) {
      const known = refsHere.map((r) => units.get(refKey(r))).filter((u) => !!u);
      if (!group) {
        warn(l, 'rules-unread', `A row lists unit ${refsHere[0]} outside any group of the rules: not read`);
      } else if (!known.length) {
        warn(l, 'rules-unknown-unit', `Group ${group.id} lists ${refsHere.join(', ')}, which is not a unit of this import: left out of the rules`);
      } else {
        for (const u of known) if (!group.units.includes(u.ref)) group.units.push(u.ref);
      }
      prevText = text;
      continue;
    }

    // Prose: sentences.
    let any = false;
    const clauses = text.split(/(?<=[.;])\s+|\s+(?:and|;)\s*$/).flatMap((s) => s.split(CLAUSE));
    for (const s of clauses) {
      if (!s.trim()) continue;
      if (readSentence(s, l)) any = true;
      else if (/\b(?:minimum|maximum|at\s+least|at\s+most|no\s+more\s+than)\b.*\b(?:credits?|units?)\b/i.test(s) && !/guided learning|glh/i.test(s)) {
        warn(l, 'rules-unread', `"${s.trim().slice(0, 120)}" was not understood: enter it in the rules form`);
        any = true;
      }
    }
    if (any) q.summary.push(text);
    else if (/\b\d+\s+credits?\b|\b(?:minimum|maximum|at least)\b.*\b(?:credits?|units?)\b/i.test(text) && !/guided learning|glh|total qualification time/i.test(text)) {
      warn(l, 'rules-unread', `The rules line "${text.slice(0, 120)}" was not understood: enter it in the rules form`);
    }
    if (BARRED.test(text) && !refsHere.length && !/^barred/i.test(text)) {
      warn(l, 'rules-unread', `"${text.slice(0, 120)}" names a barred combination without unit references: not read`);
    }
    prevText = text;
  }

  function readBarred(cells: string[], l: SourceLine): Rules['barred'][number] | null {
    if (cells.some((c) => /^(?:unit\s+)?(?:title|reference|ref)$/i.test(c))) return null; // the table's header
    const found: { ref: string; title: string }[] = [];
    for (let k = 0; k < cells.length; k++) {
      const c = cells[k];
      if (!/\d{3,5}$/.test(c) || BARRED.test(c)) continue;
      const byRef = units.get(refKey(c));
      // The title printed next to the ref: before it in a table row.
      const nearTitle = cells[k - 1] && !/\d{3,5}$/.test(cells[k - 1]) && !BARRED.test(cells[k - 1]) ? cells[k - 1] : '';
      const byName = nearTitle ? byTitle.get(titleKey(nearTitle)) : undefined;
      if (byRef && byName && byRef !== byName) {
        warn(l, 'rules-ref-mismatch', `Barred pair: "${nearTitle}" is printed with ${c}, which is the reference of "${byRef.title}"; the unit titled so, ${byName.ref}, is used: check it`);
        found.push({ ref: byName.ref, title: nearTitle });
      } else if (byRef) {
        if (c.replace(/\s+/g, '') !== byRef.ref.replace(/\s+/g, '')) {
          warn(l, 'rules-ref-mismatch', `Barred pair: ${c} is printed for ${byRef.ref} ("${byRef.title}"); read as ${byRef.ref}`);
        }
        found.push({ ref: byRef.ref, title: nearTitle || byRef.title });
      }
      else if (byName) {
        warn(l, 'rules-ref-mismatch', `Barred pair: "${nearTitle}" is printed with ${c}, not its reference ${byName.ref}; ${byName.ref} is used`);
        found.push({ ref: byName.ref, title: nearTitle });
      } else {
        warn(l, 'rules-unknown-unit', `Barred pair names ${c}${nearTitle ? ` ("${nearTitle}")` : ''}, not a unit of this import: the pair is left out`);
        return null;
      }
    }
    if (found.length !== 2) {
      if (found.length || BARRED.test(cells.join(' '))) warn(l, 'rules-unread', `A barred combination line names ${found.length} units, not two: not read`);
      return null;
    }
    const verb = cells.find((c) => BARRED.test(c)) ?? 'may not be taken with';
    return { units: [found[0].ref, found[1].ref], reason: `${found[0].title} ${verb.toLowerCase()} ${found[1].title}` };
  }

  // Groups a qualification names but does not list (Ascentis: the Award's Group B is the
  // table printed once, under the Certificate).
  for (const dq of quals) {
    for (const g of dq.groups) {
      if (g.units.length) continue;
      const donor = quals.flatMap((o) => o.groups).find((o) => o !== g && o.id === g.id && o.mandatory === g.mandatory && o.units.length);
      if (donor) {
        g.units = [...donor.units];
        warn(g.line, 'rules-shared-group', `Group ${g.id}${dq.name ? ` of ${dq.name}` : ''} lists no units here: the units listed for group ${g.id} at line ${donor.line.line} are used`);
      }
    }
  }

  // Guided learning hours: one figure for the document or per qualification name.
  // Only lines before the units' own pages (a unit prints its own GLH).
  const glhLines = lines.slice(0, end).filter((l) => /guided\s+learning\s+hours|\bGLH\b/i.test(l.text) && !/\t.*\t/.test(l.text));
  let glhRead = false;
  for (const l of glhLines) {
    const t = plain(l.text.replace(/\t/g, ' '));
    for (const dq of quals) {
      if (dq.label) {
        const esc = dq.label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        const m = new RegExp(`${esc}\\s*:\\s*(\\d+)(?!\\s*[-–]\\s*\\d)`, 'i').exec(t);
        if (m) dq.glh = Number(m[1]);
      }
    }
    if (quals.length === 1 && !glhRead) {
      const range = /\b(\d+)\s*[-–]\s*(\d+)\b/.exec(t);
      const one = /(?:GLH|guided learning hours)[^0-9]{0,40}?(\d+)\b|\b(\d+)\s+(?:guided learning hours|GLH)\b/i.exec(t);
      if (range && /guided|glh/i.test(t)) {
        warn(l, 'rules-glh-range', `Guided learning hours are printed as a range (${range[1]}-${range[2]}): the qualification's GLH is left empty`);
        glhRead = true;
      } else if (one) {
        quals[0].glh = Number(one[1] ?? one[2]);
        glhRead = true;
      }
    }
  }

  // Qualification numbers: "Level 1 Award: 600/1686/3", else the document's one number.
  const numberOfQual = (dq: DraftQual): string => {
    if (dq.label) {
      for (const l of lines) {
        const t = plain(l.text.replace(/\t/g, ' '));
        if (t.toLowerCase().includes(dq.label.toLowerCase()) && QUAL_NUMBER.test(t)) return QUAL_NUMBER.exec(t)![1];
      }
    }
    if (quals.length === 1) {
      for (const l of lines) {
        const t = plain(l.text.replace(/\t/g, ' '));
        if (/(?:qualification|accreditation)\s+(?:number|no\.?)|\bQAN\b/i.test(t) && QUAL_NUMBER.test(t)) return QUAL_NUMBER.exec(t)![1];
      }
    }
    return '';
  };

  const out: Qualification[] = [];
  for (const dq of quals) {
    if (!dq.minCredits && !dq.groups.length) continue;
    if (dq.eachOptionalMinUnits !== undefined) {
      for (const g of dq.groups) if (!g.mandatory) g.minUnits ??= dq.eachOptionalMinUnits;
    }
    const groups: RuleGroup[] = [];
    // In the order the document prints the groups' headings (a group named in prose first is placed at its heading).
    for (const g of [...dq.groups].sort((a, b) => a.line.line - b.line.line)) {
      const { line, ...rest } = g;
      if (!rest.units.length) {
        warn(line, 'rules-empty-group', `Group ${g.id} lists no unit of this import: left out of the rules`);
        continue;
      }
      const size = rest.units.length;
      if (rest.minUnits !== undefined && rest.minUnits > size) {
        warn(line, 'rules-contradiction', `Group ${g.id} asks for ${rest.minUnits} units but lists ${size}: check it`);
      }
      groups.push(rest);
    }
    if (dq.mandatoryTotal) {
      const sum = groups.filter((g) => g.mandatory).flatMap((g) => g.units).reduce((s, r) => s + (units.get(refKey(r))?.credit ?? 0), 0);
      if (sum !== dq.mandatoryTotal.credits) {
        warn(dq.mandatoryTotal.line, 'rules-contradiction', `The mandatory units are said to total ${dq.mandatoryTotal.credits} credits; the units listed as mandatory give ${sum}: check them`);
      }
    }
    let minCredits = dq.minCredits?.value;
    if (minCredits === undefined) {
      minCredits = groups.filter((g) => g.mandatory).flatMap((g) => g.units).reduce((s, r) => s + (units.get(refKey(r))?.credit ?? 0), 0);
      warn(dq.line ?? lines[head.i], 'rules-no-total', `The rules print no minimum total of credits: ${minCredits}, the mandatory units' credits, is used`);
    }
    const name = dq.name && /\b(award|certificate|diploma|extended)\b/i.test(dq.name) ? dq.name : null;
    const title = name && name.split(/\s+/).length > 4 ? name : spec.title;
    const number = numberOfQual(dq);
    const levelM = /\blevel\s+(\d)\b/i.exec(title);
    const rules: Rules = { minCredits, groups, levelConstraints: dq.levelConstraints, barred: [], summary: dq.summary.join(' ').slice(0, 1200) };
    if (dq.maxCredits !== undefined) rules.maxCredits = dq.maxCredits;
    out.push({ id: `${spec.id}:${number || `q${out.length + 1}`}`, number, title, level: levelM ? (Number(levelM[1]) as Level) : null, glh: dq.glh, rules });
  }
  // Barred pairs are printed once for the section: every qualification gets them.
  for (const qual of out) qual.rules.barred = barred.map((b) => ({ units: [...b.units] as [string, string], reason: b.reason }));
  const score = out.reduce((n, q) => n + q.rules.groups.reduce((m, g) => m + g.units.length, 0) + (q.rules.minCredits ? 1 : 0), 0);
  return { qualifications: out, warnings, score };
}
