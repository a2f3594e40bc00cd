/**
 * The overlay's side of the protocol: one typed call per request. Errors the
 * background reports come back as thrown Errors with a message for the user.
 */
import { browser } from 'wxt/browser';
import { createRequester } from './envelope';

/** Sends a request to the background and returns its answer. */
export const request = createRequester((m) => browser.runtime.sendMessage(m), 'Evidence Mapper did not answer. Reload the page and try again.');
