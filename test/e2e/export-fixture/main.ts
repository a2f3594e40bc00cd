/**
 * A test page for the export and import panels in real Chromium (bundled by
 * export-fixture/bundle.ts): mounts both panels when the page has #app, and exposes
 * helpers to seed, read and clear the database and to anchor stored passages on the
 * page it is injected into (same origin, so the same IndexedDB).
 */
import { mount } from 'svelte';
import ExportPanel from '../../../components/ExportPanel.svelte';
import ImportPanel from '../../../components/ImportPanel.svelte';
import { getDb } from '../../../lib/db/open';
import { installBuiltInCatalogue } from '../../../lib/db/catalogue';
import { normalisePageUrl } from '../../../lib/db/page-url';
import { anchor } from '../../../lib/anchoring';
import type { Specification } from '../../../lib/catalogue/model';
import type { InputSelector } from '../../../lib/anchoring/types';

const TABLES = ['learners', 'pages', 'passages', 'mappings', 'decisions', 'signoffs'] as const;
type Records = Partial<Record<(typeof TABLES)[number], unknown[]>>;

/** Writes a catalogue and records. */
export async function seed(specs: Specification[], records: Records): Promise<void> {
  const db = getDb();
  await installBuiltInCatalogue(db, { formatVersion: 1, specifications: specs });
  for (const t of TABLES) if (records[t]?.length) await db.table(t).bulkPut(records[t]!);
}

/** Every record, sorted by id. */
export async function dump(): Promise<Records> {
  const db = getDb();
  const out: Records = {};
  for (const t of TABLES) out[t] = (await db.table(t).toArray()).sort((a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1));
  return out;
}

/** Empties the user's records (the catalogue stays). */
export async function clear(): Promise<void> {
  const db = getDb();
  for (const t of TABLES) await db.table(t).clear();
}

/** Anchors every stored passage of this page on it; returns what each found. */
export async function anchorStored(): Promise<{ quote: string; found: string | null; status: string }[]> {
  const db = getDb();
  const page = await db.pages.where('url').equals(normalisePageUrl(location.href)).first();
  if (!page) return [];
  const passages = await db.passages.where('pageId').equals(page.id).toArray();
  const out = [];
  for (const p of passages) {
    const r = await anchor(document.body, p.selectors as InputSelector[]);
    out.push({ quote: p.quote, found: r.range?.toString() ?? null, status: r.status });
  }
  return out;
}

const app = document.getElementById('app');
if (app) {
  mount(ExportPanel, { target: app });
  mount(ImportPanel, { target: app });
}
