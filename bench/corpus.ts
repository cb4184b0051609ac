/**
 * Generates realistic policy briefs for the benchmarks: YAML front matter with CSL
 * references, headings, tagged claims, actors and recommendations, Pandoc citations,
 * footnotes, links, lists, tables, HTML comments and a solutions framework with tracks.
 * Deterministic for a given seed, so every run measures the same text.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** mulberry32: a small, fast, seedable PRNG. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'the coalition ceasefire negotiations reconstruction sanctions assets defence security ' +
  'humanitarian corridors ministers parliament budget energy supply grid transition ' +
  'inflation households labour market migration border agency oversight accountability ' +
  'implementation timeline evidence survey respondents regions municipalities funding ' +
  'mechanism partners donors conditionality reform judiciary procurement transparency ' +
  'emissions targets infrastructure resilience water agriculture exports tariffs ' +
  'données économie Zürich São Paulo Kraków naïve coöperation'
).split(' ');
const ACTORS = ['Macron', 'von der Leyen', 'the Commission', 'the Council', 'NATO', 'the IMF', 'the World Bank', 'Parliament'];
const TRACKS = ['Diplomatic Pathway', 'Economic Leverage', 'Military and Security', 'Humanitarian Access', 'Governance Reform'];

export interface BriefOptions {
  seed?: number;
  /** Approximate size in bytes (the result is within one paragraph of it). */
  bytes: number;
  /**
   * A brief as a team's real one becomes (#16): most sentences tagged, at least 4 claims
   * per KB, half of the claims citing a source document (`report`, see `sourceDocumentText`)
   * with quotations and figures taken from it, a few wrongly.
   */
  dense?: boolean;
}

/** The key of the source document dense briefs cite (`sources/report.txt` in a workspace). */
export const DENSE_SOURCE_KEY = 'report';

/** The text of the source document dense briefs cite: about `bytes` of report prose with figures. */
export function sourceDocumentText(bytes = 60_000, seed = 5): string {
  const r = rng(seed);
  const pick = <T>(a: T[]): T => a[Math.floor(r() * a.length)];
  const lines: string[] = [];
  let size = 0;
  while (size < bytes) {
    const n = 8 + Math.floor(r() * 10);
    const words = Array.from({ length: n }, () => (r() < 0.08 ? `${10 + Math.floor(r() * 900)}${r() < 0.4 ? '%' : ''}` : pick(WORDS)));
    const line = words.join(' ').replace(/^./, (c) => c.toUpperCase()) + '.';
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join('\n');
}

export function generateBrief({ seed = 1, bytes, dense = false }: BriefOptions): string {
  const r = rng(seed);
  const pick = <T>(a: T[]): T => a[Math.floor(r() * a.length)];
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const words = (n: number) => Array.from({ length: n }, () => pick(WORDS)).join(' ');
  const sentence = () => {
    const w = words(int(6, 18));
    return w[0].toUpperCase() + w.slice(1) + '.';
  };
  const refCount = Math.max(3, Math.min(60, Math.round(bytes / 2000)));
  const refs = Array.from({ length: refCount }, (_, i) => `ref${seed}-${i}`);
  if (dense) refs.push(DENSE_SOURCE_KEY);
  const source = dense ? sourceDocumentText() : '';
  /** A run of words from the source document (a quotation), altered one time in ten. */
  const quoted = (): string => {
    const at = Math.floor(r() * (source.length - 200));
    const run = source.slice(at, at + 200).split(/\s+/).slice(1, 7).join(' ').replace(/[.%]/g, '');
    return r() < 0.1 ? run.replace(/\b(the|and|of)\b/, 'not') : run;
  };
  /** Dense briefs: a tagged sentence, most of them claims. */
  const denseSentence = (): string | undefined => {
    const kind = r();
    if (kind < 0.11) return `:claim[the report finds "${quoted()}"]{src=${DENSE_SOURCE_KEY}}.`;
    if (kind < 0.18) return `:claim[a share of ${int(10, 900)}% in ${pick(WORDS)}][@${DENSE_SOURCE_KEY}, p. ${int(1, 40)}].`;
    if (kind < 0.28) return `:claim[${words(int(3, 8))}]{src=${pick(refs)}} ${words(3)}.`;
    if (kind < 0.35) return `:claim[${words(int(3, 8))}] [@${pick(refs)}, p. ${int(1, 300)}].`;
    if (kind < 0.39) return `:claim[${words(int(3, 6))}] without a source in this sentence.`;
    if (kind < 0.44) return `:actor[${pick(ACTORS)}] ${words(int(4, 8))} :claim[${words(3)}][@${pick(refs)}].`;
    return undefined;
  };
  const out: string[] = [];
  out.push('---');
  out.push(`title: "Generated brief ${seed}: ${words(4)}"`);
  out.push('brief: true');
  out.push('author: Briefmark bench');
  out.push('references:');
  for (const id of refs) {
    out.push(`  - id: ${id}`);
    out.push(`    type: report`);
    out.push(`    title: "${words(6)}"`);
    out.push(`    issued: { date-parts: [[${int(2015, 2025)}, ${int(1, 12)}]] }`);
  }
  out.push('---', '', `# Generated brief ${seed}`, '');
  let size = out.join('\n').length;
  let footnote = 0;
  let section = 0;
  let idn = 0;
  const pendingFootnotes: string[] = [];

  const paragraph = (): string => {
    const parts: string[] = [];
    const n = int(2, 5);
    for (let i = 0; i < n; i++) {
      const tagged = dense ? denseSentence() : undefined;
      if (tagged) {
        parts.push(tagged);
        continue;
      }
      const kind = r();
      if (kind < 0.18) parts.push(`:claim[${words(int(3, 8))}]{src=${pick(refs)}${r() < 0.3 ? ` id=c${seed}-${idn++}` : ''}}${r() < 0.5 ? ` ${words(4)}` : ''}.`);
      else if (kind < 0.28) parts.push(`:claim[${words(int(3, 8))}] [@${pick(refs)}, p. ${int(1, 300)}].`);
      else if (kind < 0.34) parts.push(`:claim[${words(int(3, 6))}] without a source in this sentence.`);
      else if (kind < 0.42) parts.push(`${sentence().slice(0, -1)} [see @${pick(refs)}; @${pick(refs)}].`);
      else if (kind < 0.5) {
        const f = `n${seed}-${footnote++}`;
        parts.push(`${sentence().slice(0, -1)}.[^${f}]`);
        pendingFootnotes.push(`[^${f}]: ${sentence()}`);
      } else if (kind < 0.57) parts.push(`:actor[${pick(ACTORS)}] ${words(int(4, 10))}.`);
      else if (kind < 0.62) parts.push(`${pick(ACTORS)} ${words(int(4, 10))}, see [the report](https://example.org/${int(1, 999)}).`);
      else if (kind < 0.64) parts.push(`@${pick(refs)} ${words(5)} \`code ${int(1, 9)}\`.`);
      else parts.push(sentence());
    }
    // Wrap at ~90 columns as people do.
    const text = parts.join(' ');
    const lines: string[] = [];
    let line = '';
    for (const w of text.split(' ')) {
      if (line.length + w.length > 88 && line) {
        lines.push(line);
        line = w;
      } else line = line ? `${line} ${w}` : w;
    }
    if (line) lines.push(line);
    return lines.join('\n');
  };
  const list = (): string => Array.from({ length: int(2, 6) }, () => `${r() < 0.5 ? '-' : '1.'} ${paragraph().replace(/\n/g, '\n   ')}`).join('\n');
  const table = (): string => {
    const cols = int(2, 4);
    const rows = [`| ${Array.from({ length: cols }, () => pick(WORDS)).join(' | ')} |`, `|${' --- |'.repeat(cols)}`];
    for (let i = int(2, 6); i > 0; i--) rows.push(`| ${Array.from({ length: cols }, () => (r() < 0.2 ? `:claim[${words(2)}]{src=${pick(refs)}}` : words(int(1, 3)))).join(' | ')} |`);
    return rows.join('\n');
  };
  const push = (s: string) => {
    out.push(s, '');
    size += s.length + 2;
  };
  const trackCount = int(2, TRACKS.length);
  const reserve = Math.min(bytes * 0.25, 1500 * trackCount);
  while (size < bytes - reserve) {
    section++;
    push(`## ${section}. ${words(int(2, 5)).replace(/^./, (c) => c.toUpperCase())}`);
    for (let i = int(2, 6); i > 0 && size < bytes - reserve; i--) {
      const k = r();
      if (k < 0.6) push(paragraph());
      else if (k < 0.78) push(list());
      else if (k < 0.86) push(table());
      else if (k < 0.9) push(`<!-- ${words(6)} -->`);
      else if (k < 0.95) push('```\n' + words(8) + '\n\n' + words(5) + '\n```');
      else push(`> ${paragraph().replace(/\n/g, '\n> ')}`);
      if (pendingFootnotes.length > 3) push(pendingFootnotes.splice(0).join('\n'));
    }
  }
  push('## Proposed Solutions Framework');
  const body = size;
  for (let t = 0; t < trackCount; t++) {
    push(`### Track ${t + 1}: ${TRACKS[t]}`);
    push('#### Immediate Actions');
    do {
      push(`:::rec[${words(3)}]{id=r${seed}-${idn++} actor=coalition priority=${pick(['high', 'medium', 'low'])}}\n${paragraph()}\n:::`);
      if (r() < 0.5) push(`:rec[${words(4)}]{track=${t + 1} actor=coalition} ${words(6)}.`);
      push(paragraph());
    } while (size < body + ((t + 1) * reserve) / trackCount);
  }
  if (pendingFootnotes.length) push(pendingFootnotes.splice(0).join('\n'));
  return out.join('\n');
}

/** Writes `count` briefs of about `bytes` each under `dir` (in subfolders of 100); dense ones with their source document in `sources/`. */
export function writeCorpus(dir: string, count: number, bytes: number, seed = 1, dense = false): number {
  let total = 0;
  if (dense) {
    // The source document the dense briefs quote, where the conventions look by default.
    mkdirSync(join(dir, 'sources'), { recursive: true });
    writeFileSync(join(dir, 'sources', `${DENSE_SOURCE_KEY}.txt`), sourceDocumentText());
  }
  for (let i = 0; i < count; i++) {
    const sub = join(dir, `part-${String(Math.floor(i / 100)).padStart(2, '0')}`);
    mkdirSync(sub, { recursive: true });
    const r = rng(seed * 100003 + i);
    const text = generateBrief({ seed: seed * 100003 + i, bytes: Math.round(bytes * (0.5 + r())), dense });
    writeFileSync(join(sub, `brief-${String(i).padStart(4, '0')}.md`), text);
    total += Buffer.byteLength(text);
  }
  return total;
}
