/**
 * Reads the import graph of the product's source (TypeScript and Svelte files under
 * entrypoints/, components/, lib/ and data/) and checks it against the house's rules
 * (../shared/docs/architecture.md): imports go down the floors or sideways, never up, never
 * in a circle, and a few named pairs never meet. TypeScript's own pre-processor finds the
 * imports (static, re-exports, dynamic `import()`), and Svelte's parser finds the scripts.
 */
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { parse } from 'svelte/compiler';

/** The folders scanned, relative to the project root. */
const SOURCE_DIRS = ['entrypoints', 'components', 'lib', 'data'];

/**
 * Floors, top to bottom. A file may import from its own floor or a lower one. A folder not
 * named here has no floor and is reported, so a new folder has to be placed on purpose.
 */
export const FLOORS: readonly (readonly string[])[] = [
  ['entrypoints', 'components'],
  ['lib/state'],
  ['lib/transfer', 'lib/sync'],
  ['lib/coverage', 'lib/sampling', 'lib/messaging'],
  ['lib/db', 'lib/search', 'lib/export'],
  ['lib/anchoring', 'lib/catalogue', 'lib/util', 'data'],
];

/** Imports that never happen, whatever the floors say: [importer prefix, imported prefix, why]. */
export const NEVER: readonly (readonly [string, string, string])[] = [
  ['lib/db/', 'lib/export/', 'the database adapter stores records; export and import jobs live in lib/transfer'],
  ['lib/db/', 'lib/transfer/', 'lib/transfer runs on top of the database, not inside it'],
  ['lib/messaging/', 'lib/db/', 'the protocol is shared with content scripts, which must never reach the database'],
  ['entrypoints/overlay/', 'lib/db/', 'content scripts run in the page origin: they message the background'],
  ['entrypoints/overlay-ui.content/', 'lib/db/', 'content scripts run in the page origin: they message the background'],
  ['components/overlay/', 'lib/db/', 'overlay components run in the page origin: they message the background'],
  ['lib/', 'test/', 'product code never depends on test fixtures'],
  ['components/', 'test/', 'product code never depends on test fixtures'],
  ['entrypoints/', 'test/', 'product code never depends on test fixtures'],
];

export interface Edge {
  from: string;
  to: string;
}

const EXTENSIONS = ['', '.ts', '.svelte.ts', '.svelte', '.js', '/index.ts', '.json'];

function walk(dir: string, out: string[]): void {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (/\.(ts|svelte)$/.test(name) && !/\.d\.ts$/.test(name)) out.push(path);
  }
}

/** The module specifiers a TypeScript or Svelte source imports. */
export function importsOf(path: string, text: string): string[] {
  const scripts: string[] = [];
  if (path.endsWith('.svelte')) {
    const ast = parse(text, { modern: true });
    for (const script of [ast.module, ast.instance]) {
      // Svelte's parser gives every node its offsets, though estree's Program type omits them.
      const span = script?.content as unknown as { start: number; end: number } | undefined;
      if (span) scripts.push(text.slice(span.start, span.end));
    }
  } else {
    scripts.push(text);
  }
  return scripts.flatMap((code) => ts.preProcessFile(code, true, true).importedFiles.map((f) => f.fileName));
}

function resolveLocal(root: string, fromFile: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = resolve(dirname(join(root, fromFile)), spec);
  for (const ext of EXTENSIONS) {
    const candidate = base + ext;
    if (existsSync(candidate) && statSync(candidate).isFile()) return relative(root, candidate);
  }
  return relative(root, base);
}

/** Every file scanned and every import between the project's own files. */
export function readGraph(root: string): { files: string[]; edges: Edge[] } {
  const all: string[] = [];
  for (const dir of SOURCE_DIRS) walk(join(root, dir), all);
  const files = all.map((f) => relative(root, f)).filter((f) => !/\.test\.ts$/.test(f)).sort();
  const edges: Edge[] = [];
  for (const from of files) {
    for (const spec of importsOf(from, readFileSync(join(root, from), 'utf8'))) {
      const to = resolveLocal(root, from, spec);
      if (to !== null) edges.push({ from, to });
    }
  }
  return { files, edges };
}

/** The floor of a file (0 = top), or undefined for a folder with no floor. */
export function floorOf(file: string): number | undefined {
  let best: { floor: number; length: number } | undefined;
  FLOORS.forEach((folders, floor) => {
    for (const folder of folders) {
      if ((file === folder || file.startsWith(folder + '/')) && (!best || folder.length > best.length)) best = { floor, length: folder.length };
    }
  });
  return best?.floor;
}

/** Every broken rule, one readable line each: upward imports, named nevers, files with no floor. */
export function ruleViolations(edges: readonly Edge[], files: readonly string[]): string[] {
  const problems: string[] = [];
  for (const f of files) if (floorOf(f) === undefined) problems.push(`${f} is in a folder with no floor (add it to FLOORS)`);
  for (const { from, to } of edges) {
    for (const [a, b, why] of NEVER) {
      if (from.startsWith(a) && to.startsWith(b)) problems.push(`${from} imports ${to}: ${why}`);
    }
    const up = floorOf(from);
    const down = floorOf(to);
    if (up !== undefined && down !== undefined && down < up) problems.push(`${from} imports ${to}, a floor above it`);
  }
  return problems;
}

/** The import cycles (strongly connected components of more than one file, or a file importing itself). */
export function cycles(edges: readonly Edge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const { from, to } of edges) {
    if (!next.has(from)) next.set(from, []);
    next.get(from)!.push(to);
  }
  // Tarjan's algorithm.
  let index = 0;
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    order.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!order.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, order.get(w)!));
    }
    if (low.get(v) === order.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (next.get(v) ?? []).includes(v)) found.push(component.sort());
    }
  };
  for (const v of [...next.keys()].sort()) if (!order.has(v)) visit(v);
  return found;
}
