/**
 * The overlay's side of the protocol: one typed call per request. Errors the
 * background reports come back as thrown Errors with a message for the user.
 */
import { browser } from 'wxt/browser';
import type { RequestPayload } from './protocol';
import type { Envelope, Reply, RequestType, Responses } from './wire';

/** Sends a request to the background and returns its answer. */
export async function request<T extends RequestType>(type: T, payload: RequestPayload<T>): Promise<Responses[T]> {
  const envelope: Envelope<T> = { channel: 'evidence-mapper', type, payload };
  const reply = (await browser.runtime.sendMessage(envelope)) as Reply<T> | undefined;
  if (!reply) throw new Error('Evidence Mapper did not answer. Reload the page and try again.');
  if (!reply.ok) throw new Error(reply.error);
  return reply.data;
}
