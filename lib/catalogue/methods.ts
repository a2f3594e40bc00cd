/**
 * The assessment methods, as awarding bodies abbreviate them: words of the qualification
 * model, used by the overlay, the protocol, coverage and the exports alike (so none of them
 * needs the database layer to name a method).
 */

/** Assessment methods, in the order the palette offers them. */
export const METHODS = ['Obs', 'Pe', 'Q', 'D', 'Wt', 'Sim', 'R', 'O'] as const;
export type Method = (typeof METHODS)[number];

/** Plain-English names of the assessment methods. */
export const METHOD_NAMES: Record<Method, string> = {
  Obs: 'Observation',
  Pe: 'Product evidence',
  Q: 'Questioning',
  D: 'Professional discussion',
  Wt: 'Witness testimony',
  Sim: 'Simulation',
  R: 'Recognition of prior learning',
  O: 'Other',
};
