/**
 * Issue 13, anchoring: "a tag goes on its own words or becomes an orphan, never on other
 * words", in real Chromium with the anchoring lab (see anchoring.test.ts). Each case was
 * seen painting a tag on other words: repeated comment headers on a saved real page, an
 * identical sentence left after its twin was deleted or hidden, and a short "Yes" in a
 * Yes/No table. An orphan is always acceptable here; a range on other words never is.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser, serveStatic, SHARED, type StaticServer } from './harness.ts';
import { labBundle, stripScripts } from './anchoring/bundle.ts';
import type * as Lab from './anchoring/page.ts';

declare global {
  interface Window {
    AnchorLab: typeof Lab;
  }
}

const REAL = join(SHARED, 'fixtures', 'real-pages');

let context: BrowserContext;
let page: Page;
let bundle: string;
let server: StaticServer;

beforeAll(async () => {
  bundle = await labBundle();
  server = await serveStatic(REAL, stripScripts);
  context = await launchBrowser();
  page = await context.newPage();
});

afterAll(async () => {
  await context?.close();
  await server?.close();
});

async function load(html: string): Promise<void> {
  await page.setContent(html, { waitUntil: 'domcontentloaded' });
  await page.addScriptTag({ content: bundle });
}

describe('repeated near-identical blocks (saved real page)', () => {
  it('lifehacker comment headers (name, date, time): an edited header is anchored on itself or orphaned, never on another comment\'s header', async () => {
    await page.goto(`${server.url}/lifehacker-post-comment-load.html`, { waitUntil: 'domcontentloaded' });
    await page.addScriptTag({ content: bundle });
    const res = await page.evaluate(() => window.AnchorLab.runHeaderEdits());
    console.log(`lifehacker headers: ${res.passages} header passages, ${res.total} anchors after a digit of the time was edited: ${res.own} on their own header, ${res.orphans} orphans (${JSON.stringify(res.orphansBy)}), ${res.wrong.length} on other words`);
    if (res.wrong.length) console.log(`  ${res.wrong.slice(0, 10).join('\n  ')}`);
    expect(res.passages).toBeGreaterThanOrEqual(60);
    expect(res.wrong).toEqual([]);
  });
});

const S = 'The learner checked the isolation of the supply before starting work.';
const P1 = `On Monday the team rewired the kitchen. ${S} The client was informed.`;
const P2 = `On Tuesday we moved to the bathroom. ${S} Tools were put away after.`;
const TWO_COPIES = `<!doctype html><html><head><style>.gone { display: none }</style></head><body><main><p>${P1}</p><p id="p2">${P2}</p><p>Reflection: next time I will label the circuits first.</p></main></body></html>`;

/** Tags the second copy of S, applies `change` (page-side source), anchors; the anchored text and whether it is rendered. */
async function secondCopyAfter(change: string): Promise<{ status: string; text: string | null; rendered: boolean | null }> {
  await load(TWO_COPIES);
  return page.evaluate(
    async ([s, change]) => {
      const L = window.AnchorLab;
      const p2 = document.getElementById('p2')!;
      const t = p2.firstChild as Text;
      const r = document.createRange();
      r.setStart(t, t.data.indexOf(s));
      r.setEnd(t, t.data.indexOf(s) + s.length);
      const sels = L.describe(document.body, r);
      new Function('p2', change)(p2);
      const res = await L.anchor(document.body, sels);
      if (!res.range) return { status: res.status, text: null, rendered: null };
      const el = res.range.startContainer.parentElement!;
      return { status: res.status, text: res.range.toString(), rendered: el.checkVisibility({ visibilityProperty: true } as CheckVisibilityOptions) };
    },
    [S, change] as const,
  );
}

describe('an occurrence removed, an identical one elsewhere', () => {
  const cases: Array<[string, string]> = [
    ['its paragraph deleted', 'p2.remove()'],
    ['its paragraph hidden by display:none', 'p2.style.display = "none"'],
    ['its paragraph hidden by a class (display:none in a style sheet)', 'p2.className = "gone"'],
    ['its paragraph hidden by the hidden attribute', 'p2.hidden = true'],
    ['its paragraph hidden by visibility:hidden', 'p2.style.visibility = "hidden"'],
    ['its paragraph folded into a closed <details>', 'const d = document.createElement("details"); d.innerHTML = "<summary>Older notes</summary>"; p2.replaceWith(d); d.appendChild(p2)'],
    ['its paragraph deleted, a display:none copy of it (same context) left behind', 'const c = p2.cloneNode(true); c.removeAttribute("id"); c.style.display = "none"; document.body.appendChild(c); p2.remove()'],
    ['its paragraph deleted, a visibility:hidden copy of it left behind', 'const c = p2.cloneNode(true); c.removeAttribute("id"); c.style.visibility = "hidden"; document.body.appendChild(c); p2.remove()'],
  ];
  for (const [what, change] of cases) {
    it(`tag on the second of two identical sentences, ${what}: orphan, not the first copy nor a hidden one`, async () => {
      expect(await secondCopyAfter(change)).toEqual({ status: 'orphan', text: null, rendered: null });
    });
  }

  it('still anchors the tag exactly when nothing happened to its paragraph (control)', async () => {
    expect(await secondCopyAfter('')).toEqual({ status: 'exact', text: S, rendered: true });
  });
});

const QUESTIONS = [
  'Has the learner completed the health and safety induction?',
  'Has the learner read the lone working policy?',
  'Has the learner signed the learning agreement?',
  'Has the learner attended the first progress review?',
];
const YES_NO = `<!doctype html><html><body><h1>Induction checklist</h1><table><thead><tr><th>No.</th><th>Question</th><th>Answer</th></tr></thead><tbody>${QUESTIONS.map(
  (q, i) => `<tr><td>${i + 1}</td><td>${q}</td><td>${i === 3 ? 'No' : 'Yes'}</td></tr>`,
).join('')}</tbody></table><p>Signed by the assessor.</p></body></html>`;

/** Tags the "Yes" of question 2, applies `change`, anchors: status and the question of the row the tag lands in. */
async function yesAfter(change: string): Promise<{ status: string; text: string | null; question: string | null }> {
  await load(YES_NO);
  return page.evaluate(
    async (change) => {
      const L = window.AnchorLab;
      const rows = () => Array.from(document.querySelectorAll('tbody tr'));
      const cell = rows()[1].children[2];
      const r = document.createRange();
      r.selectNodeContents(cell);
      const sels = L.describe(document.body, r);
      new Function('rows', change)(rows);
      const res = await L.anchor(document.body, sels);
      if (!res.range) return { status: res.status, text: null, question: null };
      const tr = res.range.startContainer.parentElement!.closest('tr');
      return { status: res.status, text: res.range.toString(), question: tr?.children[1].textContent ?? null };
    },
    change,
  );
}

describe('short quotes: a Yes/No table', () => {
  const addRow = (where: string) =>
    `const tr = document.createElement("tr"); tr.innerHTML = "<td>0</td><td>Has the learner been given a copy of the handbook?</td><td>Yes</td>"; ${where}`;

  it('the "Yes" of question 2, its answer changed to "No": orphan, not another question\'s "Yes"', async () => {
    expect(await yesAfter('rows()[1].children[2].textContent = "No"')).toEqual({ status: 'orphan', text: null, question: null });
  });

  it('the "Yes" of question 2, a row added at the top: still on question 2', async () => {
    expect(await yesAfter(addRow('rows()[0].before(tr)'))).toEqual({ status: 'exact', text: 'Yes', question: QUESTIONS[1] });
  });

  it('the "Yes" of question 2, a row added just above it: still on question 2', async () => {
    expect(await yesAfter(addRow('rows()[1].before(tr)'))).toEqual({ status: 'exact', text: 'Yes', question: QUESTIONS[1] });
  });

  it('the "Yes" of question 2, a row added at the top and its answer changed to "No": orphan', async () => {
    expect(await yesAfter(`${addRow('rows()[0].before(tr)')}; rows()[2].children[2].textContent = "No"`)).toEqual({ status: 'orphan', text: null, question: null });
  });
});
