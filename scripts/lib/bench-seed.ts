/**
 * Seeding the built extension's database for the benches that time restoring highlights
 * (overlay, viewer): one learner and a page's passages, written straight into IndexedDB as
 * lib/db/stored.ts stores them. `seedPassages` runs in the extension's service worker
 * (`sw.evaluate(seedPassages, input)`), so it is self-contained: it imports nothing.
 */

/** A passage to store: its quote and its W3C selectors. */
export interface SeedPassage {
  quote: string;
  selectors: { type: string; [k: string]: unknown }[];
}

export interface SeedInput {
  /** The page's address (a web URL, or a document's urn:sha256:). */
  url: string;
  title: string;
  kind: 'web' | 'pdf';
  passages: SeedPassage[];
}

/**
 * Stores "Bench Learner" (EDI Level 2, the learner chosen last) and `passages` on the page at
 * `url` (the page already recorded there, else a new one), each mapped to CU795 1.1 by
 * observation, in the learner's sheet for the page.
 */
export async function seedPassages({ url, title, kind, passages: seeds }: SeedInput): Promise<void> {
  const db: IDBDatabase = await new Promise((ok, fail) => {
    const r = indexedDB.open('evidence-mapper');
    r.onsuccess = () => ok(r.result);
    r.onerror = () => fail(r.error);
  });
  const now = new Date().toISOString();
  const tx = db.transaction(['learners', 'pages', 'sheets', 'settings'], 'readwrite');
  tx.objectStore('learners').put({ id: 'bench-learner', name: 'Bench Learner', qualificationIds: ['edi-l2:500/9378/2'], unitChoices: {}, archived: false, createdAt: now, updatedAt: now });
  tx.objectStore('settings').put({ key: 'last-learner', value: 'bench-learner' });
  const pages = tx.objectStore('pages');
  const known = await new Promise<{ id: string } | undefined>((ok) => {
    const r = pages.index('url').get(url);
    r.onsuccess = () => ok(r.result as { id: string } | undefined);
  });
  const pageId = known?.id ?? 'bench-page';
  if (!known) pages.put({ id: pageId, url, title, kind, createdAt: now, updatedAt: now });
  const passages = seeds.map((s, i) => ({
    id: `bench-${String(i).padStart(3, '0')}`, learnerId: 'bench-learner', pageId, selectors: s.selectors, quote: s.quote, createdBy: 'Bench', createdAt: now, updatedAt: now,
    mappings: [{ id: `bench-${String(i).padStart(3, '0')}|edi-l2:CU795:1.1`, criterionId: 'edi-l2:CU795:1.1', unitId: 'edi-l2:CU795', method: 'Obs', note: '', createdBy: 'Bench', createdAt: now, updatedAt: now }],
  }));
  tx.objectStore('sheets').put({ learnerId: 'bench-learner', pageId, passages, passageIds: passages.map((p) => p.id), unitKeys: ['bench-learner\u0001edi-l2:CU795'] });
  await new Promise((ok, fail) => {
    tx.oncomplete = ok;
    tx.onerror = () => fail(tx.error);
  });
}
