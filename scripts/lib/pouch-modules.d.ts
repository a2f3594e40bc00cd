// The few PouchDB and express-pouchdb entry points the server and the sync tests use. The
// packages ship no types; these say what this code relies on and nothing more.
declare module 'pouchdb-core' {
  const PouchDB: any;
  export default PouchDB;
}
declare module 'pouchdb-adapter-leveldb' {
  const plugin: unknown;
  export default plugin;
}
declare module 'pouchdb-adapter-memory' {
  const plugin: unknown;
  export default plugin;
}
declare module 'pouchdb-adapter-http' {
  const plugin: unknown;
  export default plugin;
}
declare module 'pouchdb-replication' {
  const plugin: unknown;
  export default plugin;
}
declare module 'pouchdb-mapreduce' {
  const plugin: unknown;
  export default plugin;
}
declare module 'express-pouchdb' {
  import type { IncomingMessage, ServerResponse } from 'node:http';
  /** An express app: a Node request listener. */
  function expressPouchDB(PouchDB: unknown, options: Record<string, unknown>): (req: IncomingMessage, res: ServerResponse) => void;
  export default expressPouchDB;
}
declare module 'pouchdb-adapter-indexeddb' {
  const plugin: unknown;
  export default plugin;
}
declare module 'pouchdb-adapter-idb' {
  const plugin: unknown;
  export default plugin;
}
