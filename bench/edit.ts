/**
 * Edit latency: a one-character change to an open 100 KB brief, analysed through the
 * service with the previous version cached (what the server does on didChange, minus the
 * debounce), against a full parse-and-analyse of the same text in the same run.
 */
import { analyze } from '../server/src/core/analysis';
import { createBriefService, inMemoryWorkspace } from '../server/src/core/service';
import { generateBrief, rng } from './corpus';
import { median, ms, now, time } from './lib';

export interface EditResult {
  bytes: number;
  full: number;
  incremental: number;
  ratio: number;
  reparsedBlocks: number;
  blocks: number;
}

export function benchEdit(bytes = 100_000, edits = 60, fullRuns = 15): EditResult {
  const text0 = generateBrief({ bytes, seed: 7 });
  const uri = 'file:///bench/edit.brief.md';
  const input = (text: string, version: number) => ({ uri, text, version, relativePath: 'edit.brief.md' });

  const fullTimes = time(() => void analyze(input(text0, 1)), fullRuns, 3);

  const service = createBriefService(inMemoryWorkspace());
  let text = text0;
  let version = 1;
  service.analyze({ uri, version, getText: () => text });
  const r = rng(99);
  // Edit positions inside prose lines (not front matter), where typing happens.
  const bodyStart = text0.indexOf('\n# ');
  const times: number[] = [];
  let reparsed = 0;
  let blocks = 0;
  for (let i = -5; i < edits; i++) {
    let at = bodyStart + Math.floor(r() * (text.length - bodyStart));
    while (at < text.length && !/[a-z]/.test(text[at])) at++;
    text = text.slice(0, at) + 'x' + text.slice(at);
    version++;
    const doc = { uri, version, getText: () => text };
    const t = now();
    const a = service.analyze(doc);
    const dt = now() - t;
    if (i >= 0) {
      times.push(dt);
      reparsed += a.parsed.reparsed;
      blocks = a.parsed.blocks.length;
    }
  }
  const full = median(fullTimes);
  const incremental = median(times);
  return { bytes: text0.length, full, incremental, ratio: incremental / full, reparsedBlocks: reparsed / edits, blocks };
}

if (process.argv[1]?.endsWith('edit.ts')) {
  const r = benchEdit();
  console.log(`edit latency on ${(r.bytes / 1000).toFixed(0)} KB (${r.blocks} blocks, ${r.reparsedBlocks.toFixed(2)} re-parsed per edit): incremental ${ms(r.incremental)} vs full ${ms(r.full)} (ratio ${r.ratio.toFixed(3)})`);
}
