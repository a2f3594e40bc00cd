/** The two WordNet exception tables morphology.ts reads from wink-lexicon (CommonJS, untyped). */
declare module 'wink-lexicon/src/wn-verb-exceptions.js' {
  const table: Record<string, string>;
  export default table;
}
declare module 'wink-lexicon/src/wn-noun-exceptions.js' {
  const table: Record<string, string>;
  export default table;
}
