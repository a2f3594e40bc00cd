import { describe, expect, it } from 'vitest';
import { FRAME_CHANNEL, isFrameCall, isFrameRender, partOf } from './frame';

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
