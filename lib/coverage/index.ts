/**
 * Coverage and progress: pure functions over plain data that answer "what is evidenced,
 * what is still missing, and by what" for a learner. The side panel only renders these.
 */
export * from './catalogue';
export * from './units';
export * from './unit-coverage';
export * from './progress';
export * from './evidence';
export * from './this-page';
export * from './learner';
export * from './filter';
