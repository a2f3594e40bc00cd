/**
 * The one zod schema of the W3C selectors lib/anchoring writes (types.ts names their shapes
 * for the engine). The message protocol checks the overlay's selectors with it, the
 * background checks stored selectors with it before sending them to a page, and backups
 * keep any selector in its loose form. Kept out of the anchoring barrel (index.ts) so the
 * engine itself stays free of zod.
 */
import { z } from 'zod';
import type { Selector } from './types';

const offset = z.number().int().nonnegative();
const textPosition = z.object({ type: z.literal('TextPositionSelector'), start: offset, end: offset });
const xpath = z.object({ type: z.literal('XPathSelector'), value: z.string().max(2_000), refinedBy: textPosition.optional() }).passthrough();

/** A selector the overlay may send or be sent: quote (context up to 200 characters), position, range, a document's page. */
export const selectorSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('TextQuoteSelector'), exact: z.string().min(1).max(100_000), prefix: z.string().max(200).optional(), suffix: z.string().max(200).optional() }),
  textPosition,
  z.object({ type: z.literal('RangeSelector'), startSelector: xpath, endSelector: xpath }).passthrough(),
  z.object({ type: z.literal('PageSelector'), index: offset, label: z.string().max(50).optional() }),
]);

/** A selector as the schema checks it. */
export type CheckedSelector = z.infer<typeof selectorSchema>;

// Whatever the schema accepts is a selector the engine reads (the other way round, the
// schema's passthrough objects carry index signatures that the engine's interfaces lack).
true satisfies CheckedSelector extends Selector ? true : false;

/** A selector as stored or carried by a backup: any type with its fields, kept as it is. */
export const storedSelectorSchema = z.looseObject({ type: z.string().min(1) });

/** The selectors of a stored list that the schema accepts, in order; others (foreign or malformed) are left out. */
export function checkedSelectors(list: readonly unknown[]): CheckedSelector[] {
  const out: CheckedSelector[] = [];
  for (const s of list) {
    const r = selectorSchema.safeParse(s);
    if (r.success) out.push(r.data);
  }
  return out;
}
