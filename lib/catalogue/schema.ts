/**
 * The catalogue's JSON schema (zod), used wherever catalogue JSON is read: the built-in
 * `data/catalogue.json`, an imported catalogue, the command line. A malformed file is
 * rejected whole with an error naming the path of the first bad fields; nothing partial
 * is ever returned. Ids must be unique, as the rest of the product keys on them.
 */
import { z } from 'zod';
import type { Catalogue, Level } from './model';

const level = z.union([z.number().int().min(1).max(8), z.enum(['Entry 1', 'Entry 2', 'Entry 3'])]) satisfies z.ZodType<Level>;
const count = z.number().int().nonnegative();

const criterion = z.object({ id: z.string().min(1), number: z.string().min(1), text: z.string() });
const outcome = z.object({ number: z.string().min(1), title: z.string(), criteria: z.array(criterion) });
const unit = z.object({
  ref: z.string().min(1),
  title: z.string(),
  level: level.nullable(),
  credit: count.nullable(),
  glh: count.nullable(),
  outcomes: z.array(outcome),
  notes: z.array(z.object({ heading: z.string(), text: z.string() })).optional(),
});
const group = z.object({
  id: z.string().min(1),
  title: z.string(),
  mandatory: z.boolean(),
  units: z.array(z.string()),
  minCredits: count.optional(),
  maxCredits: count.optional(),
  minUnits: count.optional(),
  maxUnits: count.optional(),
  minCreditsAtLevel: z.object({ level, credits: count, exact: z.boolean().optional() }).optional(),
});
const rules = z.object({
  minCredits: count,
  maxCredits: count.optional(),
  groups: z.array(group),
  levelConstraints: z.array(
    z.object({ minLevel: level, credits: count, groups: z.array(z.string()).optional(), description: z.string() }),
  ),
  barred: z.array(z.object({ units: z.tuple([z.string(), z.string()]), reason: z.string() })),
  summary: z.string(),
});
const qualification = z.object({
  id: z.string().min(1),
  number: z.string(),
  title: z.string(),
  level: level.nullable(),
  glh: count.nullable(),
  rules,
});
const specification = z.object({
  id: z.string().min(1),
  source: z.string(),
  title: z.string(),
  qualifications: z.array(qualification),
  units: z.array(unit),
});

/** The schema of `data/catalogue.json` (model `Catalogue`). */
const catalogueSchema = z.object({
  formatVersion: z.literal(1),
  specifications: z.array(specification),
}) satisfies z.ZodType<Catalogue>;

/** A catalogue that failed validation; `issues` lists each bad field as `path: problem`. */
export class CatalogueError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid catalogue: ${issues.slice(0, 5).join('; ')}${issues.length > 5 ? ` (and ${issues.length - 5} more)` : ''}`);
    this.name = 'CatalogueError';
  }
}

/** Renders a path as code would write it: `specifications[0].units[3].title`. */
function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : `${out ? '.' : ''}${String(p)}`;
  return out || '(root)';
}

function describeIssue(issue: z.core.$ZodIssue, input: unknown): string {
  if (issue.code === 'invalid_type') {
    let value: unknown = input;
    for (const p of issue.path) value = value == null ? undefined : (value as Record<PropertyKey, unknown>)[p];
    const got = value === undefined ? 'missing' : value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
    return `expected ${issue.expected}, got ${got}`;
  }
  return issue.message;
}

/** Validates parsed JSON as a Catalogue; throws CatalogueError naming every bad field's path. */
export function parseCatalogueJson(json: unknown): Catalogue {
  const result = catalogueSchema.safeParse(json);
  if (!result.success) {
    throw new CatalogueError(result.error.issues.map((i) => `${formatPath(i.path)}: ${describeIssue(i, json)}`));
  }
  const catalogue = result.data as Catalogue;
  const dupes = duplicateIds(catalogue);
  if (dupes.length) throw new CatalogueError(dupes);
  return catalogue;
}

/** Ids that must be unique but are not: specifications, qualifications, units per specification, criteria. */
function duplicateIds(c: Catalogue): string[] {
  const problems: string[] = [];
  const seen = new Map<string, string>();
  const check = (kind: string, id: string, path: string) => {
    const key = `${kind}\u0000${id}`;
    const first = seen.get(key);
    if (first) problems.push(`${path}: duplicate ${kind} "${id}" (first at ${first})`);
    else seen.set(key, path);
  };
  c.specifications.forEach((s, si) => {
    check('specification id', s.id, `specifications[${si}].id`);
    s.qualifications.forEach((q, qi) => check('qualification id', q.id, `specifications[${si}].qualifications[${qi}].id`));
    s.units.forEach((u, ui) => {
      check('unit ref', `${s.id}:${u.ref}`, `specifications[${si}].units[${ui}].ref`);
      u.outcomes.forEach((o, oi) =>
        o.criteria.forEach((cr, ci) =>
          check('criterion id', cr.id, `specifications[${si}].units[${ui}].outcomes[${oi}].criteria[${ci}].id`),
        ),
      );
    });
  });
  return problems;
}
