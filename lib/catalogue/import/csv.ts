/**
 * The CSV template: one row per assessment criterion, with the columns
 *   unit ref, unit title, level, credit, GLH, outcome number, outcome title,
 *   criterion number, criterion text
 * (header names matched loosely: "Unit reference", "GLH", "Criterion text"...). Unit and
 * outcome columns may be left empty on rows after the first of their unit or outcome.
 * Rows are validated with zod; a bad row is left out with a warning naming its line.
 */
import Papa from 'papaparse';
import { z } from 'zod';
import { assignCriterionIds } from '../ids';
import type { Unit } from '../model';
import { cleanText, parseLevel } from '../parse/text';
import type { ImportWarning } from './lines';
import { ImportError, type ImportResult } from './structure';

/** The template's columns, in order, as the README documents them. */
export const CSV_COLUMNS = [
  'unit ref',
  'unit title',
  'level',
  'credit',
  'GLH',
  'outcome number',
  'outcome title',
  'criterion number',
  'criterion text',
] as const;

type Key = 'ref' | 'title' | 'level' | 'credit' | 'glh' | 'outcome' | 'outcomeTitle' | 'number' | 'text';

const HEADERS: [Key, RegExp][] = [
  ['ref', /^unit\s*(ref|reference|code|number|no)\.?(\s*(number|no))?$|^uan$/],
  ['title', /^unit\s*(title|name)$/],
  ['level', /^(unit\s*)?level$/],
  ['credit', /^(unit\s*)?credits?(\s*value)?$/],
  ['glh', /^(glh|guided learning hours)$/],
  ['outcome', /^(learning\s*)?outcome\s*(number|no|ref)?\.?$|^lo$/],
  ['outcomeTitle', /^(learning\s*)?outcome\s*(title|text)$|^lo\s*title$/],
  ['number', /^(assessment\s*)?criterion\s*(number|no|ref)\.?$|^ac$/],
  ['text', /^(assessment\s*)?criterion\s*(text|title)?$|^ac\s*text$/],
];

function keyOf(header: string): Key | undefined {
  const h = header.trim().toLowerCase().replace(/[_-]+/g, ' ').replace(/\s+/g, ' ');
  return HEADERS.find(([, re]) => re.test(h))?.[0];
}

const count = z
  .string()
  .trim()
  .regex(/^\d*$/, 'must be a whole number')
  .transform((s) => (s === '' ? null : Number(s)));

const rowSchema = z.object({
  ref: z.string().trim(),
  title: z.string().trim(),
  level: z
    .string()
    .trim()
    .refine((s) => s === '' || parseLevel(s) !== null, 'is not a level (1-8 or Entry 1-3)'),
  credit: count,
  glh: count,
  outcome: z.string().trim(),
  outcomeTitle: z.string().trim(),
  number: z.string().trim().min(1, 'is empty').transform((s) => s.replace(/\.$/, '')),
  text: z.string().trim().min(1, 'is empty'),
});

/** True when a text's first line looks like the template's header. */
export function looksLikeTemplate(text: string): boolean {
  const first = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const cells = Papa.parse<string[]>(first, { header: false }).data[0] ?? [];
  const keys = new Set(cells.map(keyOf).filter(Boolean));
  return keys.has('number') && keys.has('text') && (keys.has('ref') || keys.has('title'));
}

/** Reads the CSV template into a specification. Throws ImportError when it has no usable row. */
export function parseTemplateCsv(text: string, name: string, specId: string): ImportResult {
  const warnings: ImportWarning[] = [];
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: 'greedy' });
  const fields = parsed.meta.fields ?? [];
  const map = new Map<string, Key>();
  for (const f of fields) {
    const k = keyOf(f);
    if (k) map.set(f, k);
  }
  const have = new Set(map.values());
  const missing = (['number', 'text'] as Key[]).filter((k) => !have.has(k));
  if (missing.length || (!have.has('ref') && !have.has('title'))) {
    throw new ImportError(
      `${name} is a CSV file but not the specification template: its first row must name the columns ${CSV_COLUMNS.join(', ')}`,
    );
  }
  for (const e of parsed.errors) {
    warnings.push({ line: (e.row ?? 0) + 2, code: 'csv', message: e.message });
  }
  const units: Unit[] = [];
  let unit: Unit | undefined;
  let outcomeNo = '';
  parsed.data.forEach((record, i) => {
    const line = i + 2;
    const raw: Record<Key, string> = { ref: '', title: '', level: '', credit: '', glh: '', outcome: '', outcomeTitle: '', number: '', text: '' };
    for (const [field, key] of map) raw[key] = String(record[field] ?? '');
    const result = rowSchema.safeParse(raw);
    if (!result.success) {
      const issue = result.error.issues[0];
      const column = CSV_COLUMNS[(['ref', 'title', 'level', 'credit', 'glh', 'outcome', 'outcomeTitle', 'number', 'text'] as Key[]).indexOf(issue.path[0] as Key)];
      warnings.push({ line, code: 'csv-row', message: `Row left out: ${column} ${issue.message}` });
      return;
    }
    const r = result.data;
    const startsUnit = (r.ref && r.ref !== unit?.ref) || (!r.ref && r.title && r.title !== unit?.title);
    if (startsUnit || !unit) {
      if (!r.ref && !r.title) {
        warnings.push({ line, code: 'csv-row', message: 'Row left out: unit ref and unit title are empty on the first row of a unit' });
        return;
      }
      unit = units.find((u) => u.ref === (r.ref || r.title));
      if (!unit) {
        unit = { ref: r.ref || r.title, title: cleanText(r.title), level: r.level ? parseLevel(r.level) : null, credit: r.credit, glh: r.glh, outcomes: [] };
        units.push(unit);
      }
      outcomeNo = '';
    }
    const major = r.outcome || /^(\d+)\./.exec(r.number)?.[1] || outcomeNo || '1';
    let outcome = unit.outcomes.find((o) => o.number === major);
    if (!outcome) {
      outcome = { number: major, title: cleanText(r.outcomeTitle), criteria: [] };
      unit.outcomes.push(outcome);
    } else if (!outcome.title && r.outcomeTitle) outcome.title = cleanText(r.outcomeTitle);
    outcomeNo = major;
    outcome.criteria.push({ id: '', number: r.number, text: cleanText(r.text) });
  });
  if (!units.length) throw new ImportError(`${name} holds no criteria: every row was empty or left out`);
  for (const u of units) assignCriterionIds(specId, u);
  const base = name.replace(/\.[a-z0-9]{1,5}$/i, '').replace(/[_-]+/g, ' ').trim() || name;
  const title = base[0].toUpperCase() + base.slice(1);
  return { specification: { id: specId, source: name, title, qualifications: [], units }, warnings };
}
