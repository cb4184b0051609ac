/**
 * The sourcing report's HTML, from a `briefmark/briefReport` answer. Pure (no `vscode`),
 * so it is unit-tested directly; the panel (reportPanel.ts) supplies the CSP nonce and
 * handles the links back to the brief.
 *
 * Charts are plain HTML bars (no script library; widths are inline styles, so the CSP
 * allows inline styles but only the nonce'd script): claims per section by sourcing
 * status (sourced, pending, missing, broken); recommendations per track; actors by
 * mentions. Every row is a link that
 * posts `{ type: 'reveal', line, character }` to the extension.
 */
import type { WireBriefReport } from '../../../server/src/protocol/briefReport';

type Range = WireBriefReport['sections'][number]['claims'][number]['range'];

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const link = (range: Range | undefined, html: string, cls = '') =>
  range ? `<a href="#" class="reveal ${cls}" data-line="${range.start.line}" data-character="${range.start.character}">${html}</a>` : html;

const pct = (n: number, of: number) => (of > 0 ? Math.round((n / of) * 1000) / 10 : 0);

/** The statuses other than sourced, as the report names and colours them. */
const NOT_SOURCED = [
  ['pending', 'pending', 'a placeholder where the source belongs'],
  ['missing', 'no source', 'no reference at all'],
  ['broken', 'broken', 'a reference that names nothing'],
] as const;

export function reportHtml(report: WireBriefReport, options: { title: string; nonce: string; cspSource: string }): string {
  const { total, sourced } = report.claims;
  const maxSection = Math.max(1, ...report.sections.map((s) => s.sourced + s.unsourced));
  const maxTrack = Math.max(1, ...report.tracks.map((t) => t.recommendations.length));
  const maxActor = Math.max(1, ...report.actors.map((a) => a.mentions));

  const sections = report.sections
    .map((s) => {
      const n = s.sourced + s.unsourced;
      const badge = (status: string) => {
        const named = NOT_SOURCED.find(([k]) => k === status);
        return named ? ` <span class="badge ${status}" title="${named[2]}">${named[1]}</span>` : '';
      };
      const claims = s.claims.map((c) => `<li class="${c.status}">${link(c.range, escapeHtml(c.label))}${badge(c.status)}</li>`).join('');
      const label = [`${s.sourced} sourced`, ...NOT_SOURCED.map(([k, name]) => `${s[k]} ${name}`)].join(', ');
      const segs = [`<span class="seg sourced" style="width:${pct(s.sourced, n)}%"></span>`, ...NOT_SOURCED.map(([k]) => `<span class="seg ${k}" style="width:${pct(s[k], n)}%"></span>`)].join('');
      return `<tr>
  <th scope="row">${link(s.range, escapeHtml(s.title))}</th>
  <td class="bar-cell"><div class="bar" style="width:${pct(n, maxSection)}%" role="img" aria-label="${label}">${segs}</div></td>
  <td class="num">${s.sourced}</td>${NOT_SOURCED.map(([k]) => `<td class="num ${s[k] ? 'warn' : ''}">${s[k]}</td>`).join('')}
</tr>
<tr class="details"><td colspan="6"><ul class="claims">${claims}</ul></td></tr>`;
    })
    .join('\n');

  const tracks = report.tracks
    .map(
      (t) => `<tr>
  <th scope="row">${link(t.range, escapeHtml(t.title))}</th>
  <td class="bar-cell"><div class="bar" style="width:${pct(t.recommendations.length, maxTrack)}%"><span class="seg rec" style="width:100%"></span></div></td>
  <td class="num">${t.recommendations.length}</td>
</tr>
<tr class="details"><td colspan="3"><ul>${t.recommendations.map((r) => `<li>${link(r.range, escapeHtml(r.label))}${r.group ? ` <span class="muted">· ${escapeHtml(r.group)}</span>` : ''}</li>`).join('')}</ul></td></tr>`,
    )
    .join('\n');

  const actors = report.actors
    .map(
      (a) => `<tr>
  <th scope="row">${link(a.ranges[0], escapeHtml(a.name))}${a.id ? ` <span class="muted">${escapeHtml(a.id)}</span>` : ''}</th>
  <td class="bar-cell"><div class="bar" style="width:${pct(a.mentions, maxActor)}%"><span class="seg actor" style="width:100%"></span></div></td>
  <td class="num">${a.mentions}</td><td class="num">${a.tagged}</td>
</tr>`,
    )
    .join('\n');

  const coverage = (report.coverage ?? [])
    .map(
      (c) => `<tr>
  <th scope="row">@${escapeHtml(c.key)}</th>
  <td>${escapeHtml(c.format)}${c.pages ? ` · ${c.pages} pages` : ''}${c.status === 'read' ? '' : ` <span class="badge ${c.status === 'pending' ? 'pending' : 'broken'}">${c.status === 'pending' ? 'being read' : 'unreadable'}</span>${c.reason ? ` <span class="muted">${escapeHtml(c.reason)}</span>` : ''}`}</td>
  <td class="num">${c.claims}</td><td class="num">${c.checked}</td><td class="num${c.unchecked ? ' warn' : ''}">${c.unchecked}</td><td class="num${c.notFound ? ' warn' : ''}">${c.notFound}</td>
</tr>`,
    )
    .join('\n');

  const empty = (what: string) => `<p class="muted">${what}</p>`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${options.cspSource} 'unsafe-inline'; script-src 'nonce-${options.nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(options.title)}</title>
<style>
  body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 0 1.2em 2em; }
  h1 { font-size: 1.3em; } h2 { font-size: 1.1em; margin-top: 1.8em; }
  .summary { font-size: 1.05em; }
  table { border-collapse: collapse; width: 100%; max-width: 60em; }
  th { text-align: left; font-weight: 600; padding: 0.25em 0.8em 0.25em 0; width: 30%; vertical-align: top; }
  td { padding: 0.25em 0.4em; vertical-align: top; }
  td.num { text-align: right; width: 4em; font-variant-numeric: tabular-nums; }
  td.warn { color: var(--vscode-editorWarning-foreground); font-weight: 600; }
  .bar-cell { width: 50%; }
  .bar { display: flex; height: 0.9em; min-width: 2px; border-radius: 2px; overflow: hidden; margin-top: 0.2em; }
  .seg { display: block; height: 100%; }
  .seg.sourced { background: var(--vscode-charts-green, #388a34); }
  .seg.pending { background: var(--vscode-charts-yellow, #b89500); }
  .seg.missing { background: var(--vscode-charts-orange, #d18616); }
  .seg.broken { background: var(--vscode-charts-red, #c72e0f); }
  .seg.rec { background: var(--vscode-charts-blue, #1a85ff); }
  .seg.actor { background: var(--vscode-charts-purple, #652d90); }
  tr.details td { padding: 0 0 0.6em 1em; font-size: 0.92em; }
  tr.details ul { margin: 0; padding-left: 1.1em; }
  li.missing a, li.pending a { color: var(--vscode-editorWarning-foreground); }
  li.broken a { color: var(--vscode-editorError-foreground); }
  .badge { font-size: 0.8em; padding: 0 0.4em; border-radius: 0.6em; background: var(--vscode-editorWarning-foreground); color: var(--vscode-editor-background); }
  .badge.pending { background: var(--vscode-charts-yellow, #b89500); }
  .badge.broken { background: var(--vscode-editorError-foreground); }
  .muted { opacity: 0.7; font-weight: 400; }
  .legend span { display: inline-block; width: 0.8em; height: 0.8em; margin: 0 0.3em 0 1em; vertical-align: middle; }
  a { color: var(--vscode-textLink-foreground); text-decoration: none; } a:hover { text-decoration: underline; }
</style>
</head>
<body>
<h1>Sourcing report: ${escapeHtml(options.title)}</h1>
<p class="summary" id="summary"><strong>${sourced}/${total}</strong> claims sourced${NOT_SOURCED.filter(([k]) => report.claims[k]).map(([k, name]) => `, <strong class="warn">${report.claims[k]}</strong> ${name}`).join('')}.</p>

<h2>Claims per section</h2>
<p class="legend"><span class="seg sourced"></span>sourced${NOT_SOURCED.map(([k, name, what]) => `<span class="seg ${k}"></span>${name} <span class="muted">(${what})</span>`).join('')}</p>
${report.sections.length ? `<table id="sections"><thead><tr><th>Section</th><th></th><th>sourced</th>${NOT_SOURCED.map(([, name]) => `<th>${name}</th>`).join('')}</tr></thead><tbody>\n${sections}\n</tbody></table>` : empty('No tagged claims yet.')}

<h2>Recommendations per track</h2>
${report.tracks.length ? `<table id="tracks"><thead><tr><th>Track</th><th></th><th>recs</th></tr></thead><tbody>\n${tracks}\n</tbody></table>` : empty('No framework tracks or recommendations found.')}

<h2>Actors by mentions</h2>
${report.actors.length ? `<table id="actors"><thead><tr><th>Actor</th><th></th><th>mentions</th><th>tagged</th></tr></thead><tbody>\n${actors}\n</tbody></table>` : empty('No actors tagged or recognised.')}

<h2>Source documents</h2>
${(report.coverage ?? []).length ? `<table id="coverage"><thead><tr><th>Key</th><th>document</th><th>claims</th><th>checked</th><th>unchecked</th><th>not found</th></tr></thead><tbody>\n${coverage}\n</tbody></table>` : empty('No claim cites a source document (sources/&lt;key&gt;.pdf|html|docx|md|txt, or a bibliography attachment).')}

<script nonce="${options.nonce}">
  const vscode = acquireVsCodeApi();
  document.addEventListener('click', (e) => {
    const a = e.target instanceof Element ? e.target.closest('a.reveal') : null;
    if (!a) return;
    e.preventDefault();
    vscode.postMessage({ type: 'reveal', line: Number(a.dataset.line), character: Number(a.dataset.character) });
  });
</script>
</body>
</html>`;
}
