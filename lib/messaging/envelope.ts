/**
 * How the protocol travels, without its schemas: the channel name, the request envelope and
 * its reply, the commands the extension sends to a tab's overlay, and one requester that
 * both parts of the overlay use. Small enough for the overlay's first part, which must stay
 * tiny: no schema library here, and only types from protocol.ts (so the edge runs one way).
 */
import type { RequestPayload, RequestType, Responses } from './protocol';

/** Marks Evidence Mapper's messages among whatever else a page or extension sends. */
export const CHANNEL = 'evidence-mapper';

/** A request on the wire. */
interface Envelope<T extends RequestType = RequestType> {
  channel: typeof CHANNEL;
  type: T;
  payload: RequestPayload<T>;
}

/** The answer on the wire: data, or an error message for the user. */
export type Reply<T extends RequestType> = { ok: true; data: Responses[T] } | { ok: false; error: string };

/** Sends one typed request and returns its answer; errors the background reports are thrown. */
export type Requester = <T extends RequestType>(type: T, payload: RequestPayload<T>) => Promise<Responses[T]>;

/**
 * A requester over a `runtime.sendMessage`: the polyfilled one in the second part, the
 * native one in the first. `noAnswer` is the message thrown when nothing answers.
 */
export function createRequester(sendMessage: (message: unknown) => Promise<unknown>, noAnswer = 'Evidence Mapper did not answer.'): Requester {
  return async (type, payload) => {
    const envelope: Envelope<typeof type> = { channel: CHANNEL, type, payload };
    // As plain JSON: Firefox's structured clone refuses a proxy (the overlay's Svelte state)
    // in a payload, where Chromium's JSON serialisation reads through it.
    const reply = (await sendMessage(JSON.parse(JSON.stringify(envelope)))) as Reply<typeof type> | undefined;
    if (!reply) throw new Error(noAnswer);
    if (!reply.ok) throw new Error(reply.error);
    return reply.data;
  };
}

/** Messages the extension (background, side panel) sends to the overlay of a tab. */
export type OverlayCommand =
  | { channel: typeof CHANNEL; command: 'open-palette' }
  | { channel: typeof CHANNEL; command: 'refresh' }
  | { channel: typeof CHANNEL; command: 'reveal'; passageId: string };

/** Validates a command received by the overlay (hand-written: no schema library in the first part). */
export function isOverlayCommand(m: unknown): m is OverlayCommand {
  if (typeof m !== 'object' || m === null) return false;
  const o = m as Record<string, unknown>;
  if (o.channel !== CHANNEL) return false;
  const keys = Object.keys(o).length;
  if (o.command === 'open-palette' || o.command === 'refresh') return keys === 2;
  return o.command === 'reveal' && keys === 3 && typeof o.passageId === 'string' && o.passageId.length > 0 && o.passageId.length <= 200;
}
