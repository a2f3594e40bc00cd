/**
 * The background's side of the protocol: validates each message and its sender, then
 * calls the handler for its type. Messages from web pages or other extensions are
 * refused; so is anything that does not match its schema.
 */
import { browser, type Browser } from 'wxt/browser';
import { requestSchemas, type ParsedRequest, type RequestType, type Responses } from './protocol';
import { CHANNEL, type Reply } from './envelope';

/** Who sent a message: the tab and frame of a content script. */
export interface Origin {
  tabId: number;
  frameId: number;
  /** URL of the frame that sent it (as the browser reports it, not as the page claims). */
  url: string;
}

export type Handlers = { [T in RequestType]: (payload: ParsedRequest<T>, origin: Origin) => Promise<Responses[T]> };

/** Validates an incoming request; returns the parsed request or a readable error. */
function parseRequest(m: unknown): { ok: true; type: RequestType; payload: unknown } | { ok: false; error: string } {
  if (typeof m !== 'object' || m === null) return { ok: false, error: 'not an object' };
  const o = m as Record<string, unknown>;
  if (o.channel !== CHANNEL) return { ok: false, error: 'not an Evidence Mapper message' };
  if (typeof o.type !== 'string' || !(o.type in requestSchemas)) return { ok: false, error: `unknown message type ${JSON.stringify(o.type)}` };
  const type = o.type as RequestType;
  const result = requestSchemas[type].safeParse(o.payload);
  if (!result.success) {
    const issue = result.error.issues[0];
    return { ok: false, error: `${type}: ${issue.path.join('.') || '(payload)'}: ${issue.message}` };
  }
  return { ok: true, type, payload: result.data };
}

/** The extension's document viewer, where the overlay runs on an extension page (entrypoints/viewer). */
export const VIEWER_PAGE = '/viewer.html';

/** True when the sender is one of this extension's own content scripts, or its document viewer in a tab. */
function isOwnContentScript(sender: Browser.runtime.MessageSender, ownId: string): boolean {
  if (sender.id !== ownId || !sender.tab || typeof sender.tab.id !== 'number') return false;
  const url = sender.url ?? '';
  return !url.startsWith(browser.runtime.getURL('')) || url.startsWith(browser.runtime.getURL(VIEWER_PAGE));
}

/** Handles one raw message: validation, then the handler; errors become readable replies. */
export async function dispatch(message: unknown, sender: Browser.runtime.MessageSender, handlers: Handlers, ownId: string): Promise<Reply<RequestType> | undefined> {
  const parsed = parseRequest(message);
  if (!parsed.ok) {
    if ((message as { channel?: unknown } | null)?.channel !== CHANNEL) return undefined;
    return { ok: false, error: `Refused a malformed message (${parsed.error}).` };
  }
  if (!isOwnContentScript(sender, ownId)) return { ok: false, error: 'Refused a message that did not come from Evidence Mapper\u2019s own page overlay.' };
  const origin: Origin = { tabId: sender.tab!.id!, frameId: sender.frameId ?? 0, url: sender.url ?? sender.tab!.url ?? '' };
  try {
    const handler = handlers[parsed.type] as (p: unknown, o: Origin) => Promise<Responses[RequestType]>;
    return { ok: true, data: await handler(parsed.payload, origin) };
  } catch (e) {
    console.error(`Evidence Mapper: ${parsed.type} failed`, e);
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

/** Starts answering the overlay's requests. */
export function listen(handlers: Handlers): void {
  browser.runtime.onMessage.addListener((message: unknown, sender: Browser.runtime.MessageSender) => {
    if ((message as { channel?: unknown } | null)?.channel !== CHANNEL || !('type' in (message as object))) return undefined;
    return dispatch(message, sender, handlers, browser.runtime.id);
  });
}
