/**
 * Every brief in Problems (docs/editor.md), through the shipped server: a workspace of N
 * generated briefs, one of them open; a `workspace/diagnostic` request with a partial-result
 * token — the time to the first page and to the last, and hovers on the open brief sent
 * every 50 ms meanwhile (their latency beside the same hovers when the server is idle); then
 * the same request again with the result ids it returned (nothing changed: nothing is
 * analysed, the request is held), answered after a file is touched.
 */
import { mkdtempSync, readFileSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { WorkspaceDiagnosticRequest } from 'vscode-languageserver-protocol';
import { writeCorpus } from './corpus';
import { median, ms, now, percentile, sampleWhile } from './lib';
import { startServer, stopServer } from './server';

type Verdict = (ok: boolean, text: string) => void;

export interface WorkspaceDiagnosticsResult {
  briefs: number;
  firstPageMs: number;
  totalMs: number;
  pages: number;
  hoverIdleP95: number;
  hoverBusyMedian: number;
  hoverBusyP95: number;
  unchangedAfterTouchMs: number;
  /** The server's resident memory after the first full pass (MB). */
  serverRssMb: number;
}

export async function benchWorkspaceDiagnostics(count: number, verdict: Verdict): Promise<WorkspaceDiagnosticsResult> {
  const dir = mkdtempSync(join(tmpdir(), 'briefmark-bench-wsdiag-'));
  const bytes = writeCorpus(dir, count, 20_000, 3);
  const progress = new Map<string, number[]>();
  const { child, conn } = startServer([], (c) => {
    c.onNotification('$/progress', (p: { token: string; value: { items?: unknown[] } }) => {
      if (p.value.items) progress.set(p.token, [...(progress.get(p.token) ?? []), now()]);
    });
    c.onNotification('textDocument/publishDiagnostics', () => undefined);
  });
  try {
    const rootUri = pathToFileURL(dir).href;
    await conn.sendRequest('initialize', { processId: process.pid, rootUri, workspaceFolders: [{ uri: rootUri, name: 'ws' }], capabilities: { textDocument: { diagnostic: {}, hover: { contentFormat: ['markdown'] } }, workspace: { workspaceFolders: true, configuration: true }, window: { workDoneProgress: true } } });
    await conn.sendNotification('initialized', {});
    const openPath = join(dir, 'part-00', 'brief-0000.md');
    const uri = pathToFileURL(openPath).href;
    const text = readFileSync(openPath, 'utf8');
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    const at = text.indexOf(':claim[');
    const line = text.slice(0, at).split('\n').length - 1;
    const hover = async () => {
      const t = now();
      await conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character: 3 } });
      return now() - t;
    };
    const idle: number[] = [];
    for (let i = 0; i < 30; i++) idle.push(await hover());

    const t0 = now();
    const token = 'ws-1';
    const request = conn.sendRequest(WorkspaceDiagnosticRequest.type, { identifier: 'briefmark', previousResultIds: [], partialResultToken: token });
    const busy = await sampleWhile(request, hover, 50);
    const totalMs = now() - t0;
    const serverRssMb = rssMb(child.pid);
    const pages = progress.get(token) ?? [];
    const firstPageMs = pages.length ? pages[0] - t0 : totalMs;
    console.log(`\nworkspace diagnostics: ${count} briefs (${(bytes / 1e6).toFixed(1)} MB), one open`);
    verdict(pages.length > 1, `every closed brief reported in ${pages.length} pages: the first after ${ms(firstPageMs)}, the last after ${ms(totalMs)} (${ms(totalMs / count)} a brief)`);
    console.log(`server resident memory after the pass: ${serverRssMb.toFixed(0)} MB`);
    verdict(percentile(busy, 95) < 100, `hover on the open brief meanwhile: median ${ms(median(busy))}, p95 ${ms(percentile(busy, 95))} (${busy.length} hovers; before the request, while the index ran: p95 ${ms(percentile(idle, 95))}; target p95 < 100 ms)`);

    // Again with the ids: held while nothing changes; one touched file, one report.
    const t1 = now();
    const all = (await conn.sendRequest(WorkspaceDiagnosticRequest.type, { identifier: 'briefmark', previousResultIds: [] })) as unknown as { items: Array<{ uri: string; resultId?: string }> };
    const ids = all.items.map((x) => ({ uri: x.uri, value: x.resultId! }));
    const allAgainMs = now() - t1;
    const touched = join(dir, 'part-00', 'brief-0001.md');
    const held = conn.sendRequest(WorkspaceDiagnosticRequest.type, { identifier: 'briefmark', previousResultIds: ids });
    await new Promise((r) => setTimeout(r, 300));
    const t2 = now();
    utimesSync(touched, new Date(), new Date());
    await conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(touched).href, type: 2 }] });
    const answer = (await held) as { items: unknown[] };
    const unchangedAfterTouchMs = now() - t2;
    verdict(answer.items.length === 1, `with the result ids: held while nothing changed, then ${answer.items.length} report ${ms(unchangedAfterTouchMs)} after one file was touched (everything again without ids: ${ms(allAgainMs)})`);
    return { briefs: count, firstPageMs, totalMs, pages: pages.length, hoverIdleP95: percentile(idle, 95), hoverBusyMedian: median(busy), hoverBusyP95: percentile(busy, 95), unchangedAfterTouchMs, serverRssMb };
  } finally {
    await stopServer({ child, conn }, { graceful: true, dir });
  }
}

/** A process's resident memory (Linux /proc), in MB; NaN elsewhere. */
function rssMb(pid: number | undefined): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}
