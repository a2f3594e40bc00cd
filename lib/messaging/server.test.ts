import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { dispatch, type Handlers } from './server';

const OWN = fakeBrowser.runtime.id;
const fromContentScript = { id: OWN, tab: { id: 7 } as never, frameId: 0, url: 'https://portfolio.example/learner/1' };

function handlers(): Handlers {
  const h = {} as Record<string, unknown>;
  for (const type of ['overlay/hello', 'overlay/load-ui', 'catalogue/for-learner', 'passages/for-page', 'passage/create', 'passage/update', 'passage/delete', 'passages/anchored', 'passage/restore', 'learners/list', 'learner/create', 'learner/choose-for-site', 'assessor/answer-name', 'learners/named-on-page']) {
    h[type] = vi.fn(async () => ({ ok: true }));
  }
  return h as unknown as Handlers;
}

const good = {
  channel: 'evidence-mapper',
  type: 'passage/create',
  payload: {
    passageId: '6f1c1f2e-9a0b-4c1d-8e2f-3a4b5c6d7e8f', url: 'https://portfolio.example/learner/1', title: 'Portfolio', learnerId: 'l1',
    selectors: [{ type: 'TextQuoteSelector', exact: 'I watched her face', prefix: '', suffix: '' }], quote: 'I watched her face',
    mappings: [{ criterionId: 'edi-l2:CU795:1.8', method: 'Obs', note: '' }],
  },
};

describe('background message dispatch', () => {
  it('passes a valid message from its own content script to the handler, parsed', async () => {
    const h = handlers();
    const reply = await dispatch(good, fromContentScript, h, OWN);
    expect(reply).toEqual({ ok: true, data: { ok: true } });
    expect(h['passage/create']).toHaveBeenCalledWith(expect.objectContaining({ quote: 'I watched her face' }), { tabId: 7, frameId: 0, url: fromContentScript.url });
  });

  it('refuses messages from other extensions, from web pages and from extension pages', async () => {
    const h = handlers();
    for (const sender of [
      { ...fromContentScript, id: 'some-other-extension' },
      { url: 'https://evil.example/' },
      { id: OWN, url: fakeBrowser.runtime.getURL('/sidepanel.html') },
    ]) {
      const reply = await dispatch(good, sender, h, OWN);
      expect(reply).toMatchObject({ ok: false, error: expect.stringMatching(/did not come from Evidence Mapper/) });
    }
    expect(h['passage/create']).not.toHaveBeenCalled();
  });

  it('refuses malformed messages with a message naming the bad field, and ignores foreign ones', async () => {
    const h = handlers();
    const html = { ...good, payload: { ...good.payload, quote: 42 } };
    expect(await dispatch(html, fromContentScript, h, OWN)).toEqual({ ok: false, error: expect.stringContaining('passage/create: quote') });
    const badMethod = { ...good, payload: { ...good.payload, mappings: [{ criterionId: 'x', method: 'Telepathy', note: '' }] } };
    expect(await dispatch(badMethod, fromContentScript, h, OWN)).toEqual({ ok: false, error: expect.stringContaining('mappings.0.method') });
    expect(await dispatch({ channel: 'evidence-mapper', type: 'db/drop-everything', payload: {} }, fromContentScript, h, OWN)).toMatchObject({ ok: false });
    expect(await dispatch({ hello: 'world' }, fromContentScript, h, OWN)).toBeUndefined();
    expect(h['passage/create']).not.toHaveBeenCalled();
  });
});
