import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cycles, importsOf, readGraph, ruleViolations } from './import-graph';

const ROOT = resolve(__dirname, '../..');

describe('the house rules on imports hold for the product', () => {
  const { files, edges } = readGraph(ROOT);

  it('reads the real tree (TypeScript and Svelte files alike)', () => {
    expect(files.some((f) => f.endsWith('.svelte'))).toBe(true);
    expect(edges.some((e) => e.from.endsWith('.svelte') && e.to.startsWith('lib/'))).toBe(true);
    expect(edges.length).toBeGreaterThan(300);
  });

  it('no import runs up a floor or breaks a named rule', () => {
    expect(ruleViolations(edges, files)).toEqual([]);
  });

  it('no import cycle', () => {
    expect(cycles(edges)).toEqual([]);
  });
});

describe('the checker itself', () => {
  const made: string[] = [];
  afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));
  function tree(files: Record<string, string>): string {
    const root = mkdtempSync(join(tmpdir(), 'boundaries-'));
    made.push(root);
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    return root;
  }

  it('finds static, type-only, re-exported and dynamic imports, in TypeScript and in both Svelte scripts', () => {
    expect(importsOf('a.ts', "import a from './a';\nimport type { B } from '../b';\nexport * from './c';\nconst d = () => import('./d');")).toEqual(['./a', '../b', './c', './d']);
    expect(importsOf('X.svelte', '<script module lang="ts">import { m } from "./m";</script>\n<script lang="ts">import { i } from "./i";</script>\n<p>import "./not-code"</p>')).toEqual(['./m', './i']);
  });

  it('reports the database importing an export format, a content script or the protocol importing the database, and an upward import', () => {
    const root = tree({
      'lib/export/csv.ts': 'export const x = 1;\n',
      'lib/db/evidence.ts': "import { x } from '../export/csv';\n",
      'lib/messaging/protocol.ts': "import type { R } from '../db/records';\n",
      'lib/db/records.ts': 'export type R = 1;\n',
      'components/overlay/Palette.svelte': '<script lang="ts">import { r } from "../../lib/db/evidence";</script>\n',
      'lib/catalogue/model.ts': "import { s } from '../state/panel.svelte';\n",
      'lib/state/panel.svelte.ts': 'export const s = 1;\n',
    });
    const { files, edges } = readGraph(root);
    expect(ruleViolations(edges, files).sort()).toEqual([
      'components/overlay/Palette.svelte imports lib/db/evidence.ts: overlay components run in the page origin: they message the background',
      'lib/catalogue/model.ts imports lib/state/panel.svelte.ts, a floor above it',
      'lib/db/evidence.ts imports lib/export/csv.ts: the database adapter stores records; export and import jobs live in lib/transfer',
      'lib/messaging/protocol.ts imports lib/db/records.ts: the protocol is shared with content scripts, which must never reach the database',
    ]);
  });

  it('reports a cycle and a file in a folder with no floor', () => {
    const root = tree({
      'lib/messaging/protocol.ts': "export * from './wire';\n",
      'lib/messaging/wire.ts': "import type { P } from './protocol';\n",
      'lib/helpers/misc.ts': 'export {};\n',
    });
    const { files, edges } = readGraph(root);
    expect(cycles(edges)).toEqual([['lib/messaging/protocol.ts', 'lib/messaging/wire.ts']]);
    expect(ruleViolations(edges, files)).toEqual(['lib/helpers/misc.ts is in a folder with no floor (add it to FLOORS)']);
  });
});
