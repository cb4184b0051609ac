/**
 * Draws docs/images/performance-growth.svg from bench/results/latest.json (or the file
 * given): time against document size on log-log axes, for a full parse-and-analyse and
 * for a one-character edit, with a dashed linear-growth reference.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GrowthPoint } from './growth';

const input = process.argv[2] ?? join(__dirname, 'results', 'latest.json');
const output = process.argv[3] ?? join(__dirname, '..', 'docs', 'images', 'performance-growth.svg');
const data = JSON.parse(readFileSync(input, 'utf8')) as { machine: string; growth?: { points: GrowthPoint[] } };
const points = data.growth?.points ?? [];
if (points.length < 2) throw new Error(`${input} has no growth curve: run npm run bench first`);

const W = 760, H = 440, L = 70, R = 200, T = 40, B = 60;
const xs = points.map((p) => p.bytes);
const ys = points.flatMap((p) => [p.full, p.edit]);
const x0 = Math.log10(Math.min(...xs) / 1.3), x1 = Math.log10(Math.max(...xs) * 1.3);
const y0 = Math.floor(Math.log10(Math.min(...ys))), y1 = Math.ceil(Math.log10(Math.max(...ys)));
const X = (b: number) => L + ((Math.log10(b) - x0) / (x1 - x0)) * (W - L - R);
const Y = (t: number) => H - B - ((Math.log10(t) - y0) / (y1 - y0)) * (H - T - B);
const size = (b: number) => (b >= 1e6 ? `${+(b / 1e6).toFixed(1)} MB` : `${Math.round(b / 1e3)} KB`);
const time = (t: number) => (t >= 1000 ? `${+(t / 1000).toFixed(1)} s` : t >= 1 ? `${+t.toFixed(t >= 10 ? 0 : 1)} ms` : `${+t.toFixed(2)} ms`);

const parts: string[] = [];
parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="system-ui, sans-serif" font-size="12">`);
parts.push(`<rect width="${W}" height="${H}" fill="white"/>`);
parts.push(`<text x="${L}" y="22" font-size="15" font-weight="600">Briefmark: time against brief size (log-log)</text>`);
for (let e = y0; e <= y1; e++) {
  const y = Y(10 ** e);
  parts.push(`<line x1="${L}" x2="${W - R}" y1="${y}" y2="${y}" stroke="#e5e5e5"/>`);
  parts.push(`<text x="${L - 8}" y="${y + 4}" text-anchor="end" fill="#444">${time(10 ** e)}</text>`);
}
for (const p of points) {
  const x = X(p.bytes);
  parts.push(`<line x1="${x}" x2="${x}" y1="${T}" y2="${H - B}" stroke="#f0f0f0"/>`);
  parts.push(`<text x="${x}" y="${H - B + 18}" text-anchor="middle" fill="#444">${size(p.bytes)}</text>`);
}
parts.push(`<line x1="${L}" x2="${W - R}" y1="${H - B}" y2="${H - B}" stroke="#888"/><line x1="${L}" x2="${L}" y1="${T}" y2="${H - B}" stroke="#888"/>`);
parts.push(`<text x="${(L + W - R) / 2}" y="${H - 18}" text-anchor="middle" fill="#222">brief size</text>`);
// Linear reference through the first full-analysis point.
const first = points[0], last = points[points.length - 1];
const refEnd = first.full * (last.bytes / first.bytes);
parts.push(`<line x1="${X(first.bytes)}" y1="${Y(first.full)}" x2="${X(last.bytes)}" y2="${Y(refEnd)}" stroke="#999" stroke-dasharray="5 4"/>`);
const series: Array<{ key: 'full' | 'edit'; colour: string; label: string }> = [
  { key: 'full', colour: '#c0392b', label: 'full parse + analysis' },
  { key: 'edit', colour: '#2471a3', label: 'one-character edit' },
];
for (const s of series) {
  parts.push(`<polyline fill="none" stroke="${s.colour}" stroke-width="2.5" points="${points.map((p) => `${X(p.bytes).toFixed(1)},${Y(p[s.key]).toFixed(1)}`).join(' ')}"/>`);
  for (const p of points) parts.push(`<circle cx="${X(p.bytes).toFixed(1)}" cy="${Y(p[s.key]).toFixed(1)}" r="3.5" fill="${s.colour}"><title>${size(p.bytes)}: ${time(p[s.key])}</title></circle>`);
}
series.forEach((s, i) => {
  const y = T + 20 + i * 22;
  parts.push(`<line x1="${W - R + 15}" x2="${W - R + 40}" y1="${y}" y2="${y}" stroke="${s.colour}" stroke-width="2.5"/><text x="${W - R + 46}" y="${y + 4}">${s.label}</text>`);
});
parts.push(`<line x1="${W - R + 15}" x2="${W - R + 40}" y1="${T + 64}" y2="${T + 64}" stroke="#999" stroke-dasharray="5 4"/><text x="${W - R + 46}" y="${T + 68}">linear growth</text>`);
parts.push(`<text x="${W - R + 15}" y="${H - B - 4}" font-size="10" fill="#666">medians; fresh process</text>`);
parts.push(`<text x="${W - R + 15}" y="${H - B + 10}" font-size="10" fill="#666">per size</text>`);
parts.push(`<text x="${L}" y="${H - 2}" font-size="10" fill="#666">${data.machine.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</text>`);
parts.push('</svg>');
writeFileSync(output, parts.join('\n') + '\n');
console.log(`wrote ${output}`);
