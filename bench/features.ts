/**
 * Requests on an open 100 KB brief, answered from the cached analysis: hover (over claims,
 * citations, actors and plain text), the outline, completion (citation keys, attribute
 * names, tags). Each call is timed alone; the analysis is already cached (the outline: the
 * first request after an edit, since it is made once per version).
 */
import { createBriefService } from '../server/src/core/service';
import { generateBrief, rng } from './corpus';
import { benchWorkspace } from './edit';
import { median, now, percentile, time } from './lib';

export interface FeatureResult {
  bytes: number;
  hover: { median: number; p95: number };
  /** The first outline request after an edit, once the server's idle-time preparation has run (as VS Code asks: at least 350 ms after a change). */
  outline: { median: number; p95: number };
  /** The same, asked at once after the edit's analysis (nothing prepared). */
  outlineCold: { median: number; p95: number };
  completion: { median: number; p95: number };
  /** The same document analysed from scratch, for scale. */
  full: number;
}

export function benchFeatures(bytes = 100_000, runs = 300, dense = false): FeatureResult {
  const text = generateBrief({ bytes, seed: 8, dense });
  const uri = 'file:///bench/features.brief.md';
  const doc = { uri, version: 1, getText: () => text };
  const service = createBriefService(benchWorkspace(dense));
  const full = median(time(() => void createBriefService(benchWorkspace(dense)).analyze(doc), 7, 2));
  service.analyze(doc);
  const r = rng(42);
  // Offsets where people hover and complete: on tags, citation keys, attributes, anywhere.
  const interesting: number[] = [];
  for (const m of text.matchAll(/:claim\[|@ref|@report|src=|:actor\[|\{id=/g)) interesting.push(m.index! + m[0].length - 1);
  const offset = () => (r() < 0.8 ? interesting[Math.floor(r() * interesting.length)] : Math.floor(r() * text.length));
  let answered = 0;
  const hover = time(() => void (service.hover(doc, offset()) && answered++), runs);
  // The outline is made once per version (the outline, breadcrumbs and sticky scroll share
  // it): timed as the first request after an edit (a letter typed, analysed untimed), once
  // after `prepare` (what the server runs in idle time after pushing the diagnostics) and
  // once at once.
  const outline: number[] = [];
  const outlineCold: number[] = [];
  let edited = text;
  let v = 10;
  for (let i = -3; i < Math.max(20, runs / 5); i++) {
    for (const prepared of [true, false]) {
      const at = text.indexOf('\n# ') + Math.floor(r() * (edited.length - text.indexOf('\n# ')));
      edited = edited.slice(0, at) + 'x' + edited.slice(at);
      const version = { uri, version: v++, getText: () => edited };
      service.analyze(version);
      if (prepared && !service.prepare(version)) throw new Error('nothing prepared: the benchmark is not measuring the prepared outline');
      const t = now();
      const symbols = service.documentSymbols(version);
      const took = now() - t;
      if (!symbols.length) throw new Error('an empty outline: the benchmark is not measuring the outline');
      if (i >= 0) (prepared ? outline : outlineCold).push(took);
    }
  }
  const completion = time(() => void service.completion(doc, offset()), runs);
  if (answered === 0) throw new Error('no hover answered: the benchmark is not measuring hovers');
  const stat = (xs: number[]) => ({ median: median(xs), p95: percentile(xs, 95) });
  return { bytes: text.length, hover: stat(hover), outline: stat(outline), outlineCold: stat(outlineCold), completion: stat(completion), full };
}

if (process.argv[1]?.endsWith('features.ts')) console.log(JSON.stringify(benchFeatures(), null, 2));
