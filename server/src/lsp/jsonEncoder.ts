/**
 * The stdio transport's message writer and JSON encoder (server.ts): what vscode-jsonrpc's
 * own do — `JSON.stringify` the message, encode it in UTF-8, write it after a
 * `Content-Length` header — except that the
 * items of a document's diagnostics (a `publishDiagnostics` notification, a full pull
 * report) are written from the JSON each item had the last time it was sent. LSP sends a
 * document's diagnostics whole after every change; the publisher reuses the LSP object of
 * every diagnostic that did not change (`DiagnosticsPublisher.of`), so an edit encodes
 * only the diagnostics it changed (a dense 1 MB brief: some 2,000 diagnostics, 1.1 MB of
 * JSON, on every keystroke).
 *
 * Invariant: an LSP diagnostic object is never changed after it was sent (its JSON is
 * remembered by identity).
 */
import { AbstractMessageWriter, type Message, type MessageWriter } from 'vscode-languageserver/node';

/** Items sent once; the UTF-8 JSON of items sent more than once. */
const SEEN = new WeakSet<object>();
const BYTES_OF = new WeakMap<object, Buffer>();

const isObject = (item: unknown): item is object => typeof item === 'object' && item !== null;
const itemJson = (item: unknown): string => JSON.stringify(item) ?? 'null';

/** A string no message holds, standing for the list while the rest is stringified. */
const MARK = '\u0000briefmark:items\u0000';
const MARK_JSON = JSON.stringify(MARK);

/** A message whose list of diagnostics is written apart: the JSON before the list, the list, the JSON after it. */
interface Split {
  head: string;
  items: unknown[];
  tail: string;
}

/** `value` as JSON around `holder[key]` (a list), or undefined if the message has no such list. */
function split(message: Message): Split | undefined {
  const m = message as { method?: unknown; params?: { diagnostics?: unknown }; result?: { kind?: unknown; items?: unknown } };
  if (m.method === 'textDocument/publishDiagnostics' && m.params && Array.isArray(m.params.diagnostics)) return around(message, m.params, 'diagnostics');
  if (m.result && m.result.kind === 'full' && Array.isArray(m.result.items)) return around(message, m.result, 'items');
  return undefined;
}

function around(value: object, holder: Record<string, unknown>, key: string): Split {
  const items = holder[key] as unknown[];
  holder[key] = MARK;
  try {
    const json = JSON.stringify(value);
    const at = json.indexOf(MARK_JSON);
    return { head: json.slice(0, at), items, tail: json.slice(at + MARK_JSON.length) };
  } finally {
    holder[key] = items;
  }
}

/** The message as JSON, written as `messageBytes` writes it (equal to `JSON.stringify(message)`). */
export function messageJson(message: Message): string {
  const s = split(message);
  return s ? s.head + '[' + s.items.map(itemJson).join(',') + ']' + s.tail : JSON.stringify(message);
}

/**
 * The message in UTF-8. An item sent before is copied from its bytes, made the second time
 * it is sent; items sent for the first time are written as JSON, each run of them encoded
 * in one piece. A message none of whose items was sent before (a document's first report:
 * a hostile brief's may hold 60,000) is written as `JSON.stringify` writes it, in one piece.
 */
export function messageBytes(message: Message): Buffer {
  const s = split(message);
  if (!s) return Buffer.from(JSON.stringify(message), 'utf-8');
  if (!s.items.some((item) => isObject(item) && (SEEN.has(item) || BYTES_OF.has(item)))) {
    for (const item of s.items) if (isObject(item)) SEEN.add(item);
    return Buffer.from(JSON.stringify(message), 'utf-8');
  }
  const chunks: Buffer[] = [];
  let run = s.head + '[';
  s.items.forEach((item, i) => {
    if (i > 0) run += ',';
    const bytes = isObject(item) ? bytesOf(item) : undefined;
    if (!bytes) {
      run += itemJson(item);
      return;
    }
    chunks.push(Buffer.from(run, 'utf-8'), bytes);
    run = '';
  });
  chunks.push(Buffer.from(run + ']' + s.tail, 'utf-8'));
  return Buffer.concat(chunks);
}

/** The item's bytes if it was sent before (made now the second time), else undefined (it is then marked sent). */
function bytesOf(item: object): Buffer | undefined {
  let bytes = BYTES_OF.get(item);
  if (bytes) return bytes;
  if (!SEEN.has(item)) {
    SEEN.add(item);
    return undefined;
  }
  bytes = Buffer.from(JSON.stringify(item), 'utf-8');
  BYTES_OF.set(item, bytes);
  return bytes;
}

/**
 * The stdio transport's message writer: each message encoded (`messageBytes`) and written
 * at once, in the order sent. vscode-jsonrpc's stream writer serialises writes through a
 * semaphore that waits a turn of the event loop per message, so while an analysis runs in
 * slices every reply waited for one more slice.
 */
export class StdioMessageWriter extends AbstractMessageWriter implements MessageWriter {
  private errors = 0;

  constructor(private readonly out: NodeJS.WritableStream) {
    super();
    out.on('error', (error: Error) => this.fireError(error));
    out.on('close', () => this.fireClose());
  }

  write(message: Message): Promise<void> {
    try {
      const body = messageBytes(message);
      this.out.write(`Content-Length: ${body.byteLength}\r\n\r\n`, 'ascii');
      this.out.write(body);
      return Promise.resolve();
    } catch (error) {
      this.fireError(error, message, ++this.errors);
      return Promise.reject(error);
    }
  }

  end(): void {
    this.out.end();
  }
}
