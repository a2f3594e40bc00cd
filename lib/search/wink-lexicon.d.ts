/** WordNet tables from wink-lexicon (CommonJS, untyped): the exception lists morphology.ts reads, and those the related-words generator reads. */
declare module 'wink-lexicon/src/wn-verb-exceptions.js' {
  const table: Record<string, string>;
  export default table;
}
declare module 'wink-lexicon/src/wn-noun-exceptions.js' {
  const table: Record<string, string>;
  export default table;
}
/** Read at build time only, by scripts/generate-related-words.ts. */
declare module 'wink-lexicon/src/wn-adjective-exceptions.js' {
  const table: Record<string, string>;
  export default table;
}
declare module 'wink-lexicon/src/lexicon.js' {
  const table: Record<string, unknown>;
  export default table;
}
