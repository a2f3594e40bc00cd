/**
 * The anchoring lab's timings for the benchmark: describing and anchoring exact passages,
 * and looking for quotes that are not on a large page.
 */
import { anchor, describe } from '../../../lib/anchoring/index.ts';
import { rng, flat, LETTERS, visibleText, words, toRange, prepare } from './dom.ts';
import type { Selector, TextQuoteSelector } from '../../../lib/anchoring/index.ts';
import { textIndexOf } from '../../../lib/anchoring/text-index.ts';
/** Times describe and anchor (exact) for `n` random passages; all in this page, no judging. */
export async function timeExact(seed: number, n: number): Promise<{ coldMs: number; describeMs: number[]; anchorMs: number[]; totalAnchorMs: number; exact: number; chars: number }> {
  const items = prepare(seed, n, 0);
  const describeMs: number[] = [];
  const ranges = items.map(toRange);
  // A change under the root drops the cached index, so the next call pays for a rebuild.
  document.body.appendChild(document.createComment('x')).remove();
  const c0 = performance.now();
  textIndexOf(document.body);
  const coldMs = performance.now() - c0;
  for (const r of ranges) {
    const t0 = performance.now();
    describe(document.body, r);
    describeMs.push(performance.now() - t0);
  }
  let anchorMs: number[] = [];
  let exact = 0;
  let totalAnchorMs = Infinity;
  // Three rounds over all passages; the fastest round is kept (shared cores add noise).
  for (let round = 0; round < 3; round++) {
    const times: number[] = [];
    exact = 0;
    const t0 = performance.now();
    for (const it of items) {
      const t1 = performance.now();
      const res = await anchor(document.body, it.selectors);
      times.push(performance.now() - t1);
      if (res.status === 'exact') exact++;
    }
    const total = performance.now() - t0;
    if (total < totalAnchorMs) {
      totalAnchorMs = total;
      anchorMs = times;
    }
  }
  const body = document.createRange();
  body.selectNodeContents(document.body);
  return { coldMs, describeMs, anchorMs, totalAnchorMs, exact, chars: visibleText(body).length };
}

/** The quote selector of a selector list. */
export function quoteOf(sels: Selector[]): TextQuoteSelector | undefined {
  return sels.find((s): s is TextQuoteSelector => s.type === 'TextQuoteSelector');
}

/**
 * Replaces the page with about `chars` characters of paragraphs taken from the saved
 * pages at `urls`, then times anchoring quotes that are not on it: shuffled real
 * passages, and real passages with a quarter of their letters changed (beyond the edit
 * budget, so the filter lets them through to the costly verification).
 */
export async function timeOrphans(seed: number, chars: number, urls: string[]): Promise<{
  chars: number;
  indexMs: number;
  rows: Array<{ kind: string; length: number; n: number; orphans: number; worstMs: number; medianMs: number }>;
  slowestRun: number;
}> {
  const rand = rng(seed);
  const paras: string[] = [];
  for (const u of urls) {
    const doc = new DOMParser().parseFromString(await (await fetch(u)).text(), 'text/html');
    doc.querySelectorAll('p').forEach((p) => {
      const t = flat(p.textContent ?? '');
      if (t.length > 40) paras.push(t);
    });
  }
  document.body.innerHTML = '';
  let total = 0;
  const frag = document.createDocumentFragment();
  while (total < chars) {
    const p = document.createElement('p');
    p.textContent = paras[Math.floor(rand() * paras.length)];
    total += p.textContent.length + 1;
    frag.appendChild(p);
  }
  document.body.appendChild(frag);
  const body = document.createRange();
  body.selectNodeContents(document.body);
  const t0 = performance.now();
  const whole = textIndexOf(document.body).text;
  const indexMs = performance.now() - t0;
  const pageText = flat(visibleText(body));
  const rows = [];
  const repeats = 5;
  let slowestRun = 0;
  for (const kind of ['shuffled words', 'quarter of letters changed']) {
    for (const length of [20, 100, 400, 1500]) {
      const times: number[] = [];
      let orphans = 0;
      const n = 5;
      for (let i = 0; i < n; i++) {
        const at = Math.floor(rand() * (pageText.length - length - 64)) + 32;
        const real = pageText.slice(at, at + length);
        let quote: string;
        if (kind === 'shuffled words') {
          const ws = real.split(' ');
          for (let j = ws.length - 1; j > 0; j--) {
            const k = Math.floor(rand() * (j + 1));
            [ws[j], ws[k]] = [ws[k], ws[j]];
          }
          quote = ws.join(' ');
          if (ws.length < 3) quote = quote.split('').reverse().join('');
        } else {
          quote = real.replace(/\S/g, (c) => (rand() < 0.25 ? LETTERS[(LETTERS.indexOf(c.toLowerCase()) + 7) % 26] ?? 'q' : c));
        }
        // Quote and context only: no address to check first, so the whole-page search runs.
        const selectors: Selector[] = [
          { type: 'TextQuoteSelector', exact: quote, prefix: pageText.slice(at - 32, at), suffix: pageText.slice(at + length, at + length + 32) },
        ];
        // Each search is repeated and its fastest run kept: on shared cores the slower runs
        // measure other processes. The slowest single run is reported too.
        let fastest = Infinity;
        let status = '';
        for (let r = 0; r < repeats; r++) {
          const t1 = performance.now();
          const res = await anchor(document.body, selectors);
          const took = performance.now() - t1;
          fastest = Math.min(fastest, took);
          slowestRun = Math.max(slowestRun, took);
          status = res.status;
        }
        times.push(fastest);
        if (status === 'orphan') orphans++;
      }
      times.sort((a, b) => a - b);
      rows.push({ kind, length, n, orphans, worstMs: times[times.length - 1], medianMs: times[Math.floor(n / 2)] });
    }
  }
  return { chars: whole.length ? pageText.length : 0, indexMs, rows, slowestRun };
}
