/**
 * PouchDB for Node, built once: PouchDB's plugins change the one class they are given, so
 * the server (LevelDB on disk) and the tests' clients (in memory, or HTTP to a server) share
 * this one. All pure JavaScript but LevelDB, whose package ships its compiled binary.
 */
import PouchDB from 'pouchdb-core';
import leveldb from 'pouchdb-adapter-leveldb';
import memory from 'pouchdb-adapter-memory';
import http from 'pouchdb-adapter-http';
import replication from 'pouchdb-replication';
import mapreduce from 'pouchdb-mapreduce';

/** PouchDB with the LevelDB, memory and HTTP adapters, replication and views. */
export const NodePouch = PouchDB.plugin(leveldb).plugin(memory).plugin(http).plugin(replication).plugin(mapreduce);
