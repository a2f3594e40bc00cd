import { describe, expect, it } from 'vitest';
import { FRAME_CHANNEL, isFrameCall, isFrameRender, partOf, plain, relayFrameMessage, type RelaySender } from './frame';

const dialog = 'dialog.0123abcd';
const status = 'status.0123abcd';
const call = (session: string, name: string, args: unknown[] = []) => ({ channel: FRAME_CHANNEL, session, name, args });

describe('the overlay frames\' channel', () => {
  it('reads a frame\'s part from its session', () => {
    expect(partOf(dialog)).toBe('dialog');
    expect(partOf(status)).toBe('status');
  });

  it('takes from the dialog frame only its own session\'s calls to the dialogs\' actions', () => {
    expect(isFrameCall(call(dialog, 'savePalette', [{ criteria: [], method: 'Obs', note: '' }]), dialog)).toBe(true);
    expect(isFrameCall(call(dialog, 'savePalette'), 'dialog.other')).toBe(false);
    expect(isFrameCall(call(dialog, 'toastAction', [1]), dialog)).toBe(false);
    expect(isFrameCall(call(dialog, 'constructor'), dialog)).toBe(false);
    expect(isFrameCall({ ...call(dialog, 'closeCard'), channel: 'evidence-mapper' }, dialog)).toBe(false);
    expect(isFrameCall({ ...call(dialog, 'closeCard'), args: 'x' }, dialog)).toBe(false);
  });

  it('lets the status frame (toasts, highlights not found) only run a toast\'s action and say its size', () => {
    expect(isFrameCall(call(status, 'toastAction', [3]), status)).toBe(true);
    expect(isFrameCall(call(status, 'size', [40, 200]), status)).toBe(true);
    for (const name of ['savePalette', 'deletePassage', 'chooseLearner', 'createLearner', 'listLearners', 'catalogue']) {
      expect(isFrameCall(call(status, name), status), name).toBe(false);
    }
  });

  it('lets the dialog frame ask for the assessor polish\'s actions, never the status frame; the focus ring\'s actions are no frame call', () => {
    const polish = ['changeMethod', 'switchLearner', 'resumePalette', 'answerAssessorName', 'shouldAskAssessorName', 'checkPageLearners'];
    for (const name of polish) {
      expect(isFrameCall(call(dialog, name), dialog), name).toBe(true);
      expect(isFrameCall(call(status, name), status), name).toBe(false);
    }
    for (const name of ['openFocusedHighlight', 'leaveHighlights']) {
      expect(isFrameCall(call(dialog, name), dialog), name).toBe(false);
      expect(isFrameCall(call(status, name), status), name).toBe(false);
    }
  });

  it('shows a frame only a view sent for its session', () => {
    expect(isFrameRender({ channel: FRAME_CHANNEL, session: status, view: { toasts: [], orphans: [], showOrphans: false } }, status)).toBe(true);
    expect(isFrameRender({ channel: FRAME_CHANNEL, session: dialog, view: {} }, status)).toBe(false);
    expect(isFrameRender({ channel: FRAME_CHANNEL, session: status, view: null }, status)).toBe(false);
  });
});

describe('the background\'s relay of the frame channel (the one path Firefox allows)', () => {
  const own = { id: 'ext', frameUrl: 'moz-extension://uuid/overlay-frame.html' };
  const session = `dialog.${'ab'.repeat(16)}`;
  const render = { channel: FRAME_CHANNEL, session, view: { palette: null } };
  const contentScript: RelaySender = { id: 'ext', url: 'https://college.example/portfolio', tab: { id: 7 } };
  const frame: RelaySender = { id: 'ext', url: `moz-extension://uuid/overlay-frame.html#${session}`, tab: { id: 7 } };
  const relay = (m: unknown, sender: RelaySender) => {
    const sent: [number, unknown][] = [];
    const out = relayFrameMessage(m, sender, own, async (tabId, msg) => (sent.push([tabId, msg]), 'answer'));
    return { out, sent };
  };

  it('passes a content script\'s view to its own tab, and a frame\'s call for its own session to its tab', async () => {
    const a = relay(render, contentScript);
    expect(await a.out).toBe('answer');
    expect(a.sent).toEqual([[7, render]]);
    const c = call(session, 'savePalette', [{}]);
    const b = relay(c, frame);
    expect(await b.out).toBe('answer');
    expect(b.sent).toEqual([[7, c]]);
  });

  it('refuses what a page, another extension or another session could send', () => {
    const refused: [unknown, RelaySender][] = [
      [render, { ...contentScript, id: 'other-extension' }],
      [render, { ...contentScript, tab: undefined }],
      // A view from an extension page (not the content script) is not the channel's.
      [render, frame],
      // A frame calls for its own session only, and only its part's actions.
      [call(`dialog.${'cd'.repeat(16)}`, 'savePalette'), frame],
      [call(session, 'toastAction', [1]), frame],
      [call(session, 'savePalette'), contentScript],
      [call(session, 'savePalette'), { ...frame, url: `moz-extension://uuid/options.html#${session}` }],
      [{ ...render, session: 'dialog.short' }, contentScript],
      [{ channel: 'evidence-mapper', type: 'learners/list', payload: {} }, contentScript],
    ];
    for (const [m, sender] of refused) {
      const r = relay(m, sender);
      expect(r.out, JSON.stringify([m, sender])).toBeUndefined();
      expect(r.sent).toEqual([]);
    }
  });

  it('sends plain data: a proxy (as Svelte\'s state is) becomes a plain copy Firefox can clone', () => {
    const proxied = new Proxy({ ids: ['a'] }, {});
    const copy = plain({ args: [proxied] });
    expect(copy).toEqual({ args: [{ ids: ['a'] }] });
    expect(structuredClone(copy)).toEqual(copy);
    expect(() => structuredClone({ args: [proxied] })).toThrow();
  });
});
