/**
 * The database adapter: the only place (with lib/messaging) that touches browser
 * storage. Open it from the background and extension pages only.
 */
export * from './records';
export * from './schema';
export * from './catalogue';
