/**
 * Browser side of the anchoring end-to-end test and benchmark: bundled with the engine
 * into one IIFE (global `AnchorLab`) and injected into real pages served on 127.0.0.1.
 * It picks seeded random passages, changes the page around or inside them, anchors, and
 * judges the result with its own plain reading of the DOM (never the engine's index), so
 * the engine cannot grade itself.
 */
import { anchor, describe } from '../../../lib/anchoring/index.ts';

export { anchor, describe };
export * from './dom.ts';
export * from './runs.ts';
export * from './timing.ts';
