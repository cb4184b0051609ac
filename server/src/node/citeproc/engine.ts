/**
 * The CSL engine: citeproc-js (the `citeproc` package, used under the CPAL-1.0, see
 * THIRD-PARTY-NOTICES.md) with the styles and locale Briefmark ships. This module is its
 * own bundle, `dist/citeproc.js`, loaded by `load.ts` on the first rendered citation: the
 * server and the CLI start without it.
 *
 * Bundled styles: `chicago-author-date` (the default; the Chicago Manual of Style 17th
 * edition author-date, as Pandoc ships it) and `apa`, `vancouver`, `harvard1` (from
 * `@citation-js/plugin-csl`); locales en-US, de-DE, fr-FR, es-ES, nl-NL (same package).
 * All CSL styles and locales are CC BY-SA 3.0 (media/csl/README.md).
 */
import CSL from 'citeproc';
import localesJson from '@citation-js/plugin-csl/lib/locales.json';
import stylesJson from '@citation-js/plugin-csl/lib/styles.json';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_CITATION_STYLE, type CitationFormatRequest, type FormattedCitations } from '../../core/citations/renderCitations';

const DEFAULT_STYLE = DEFAULT_CITATION_STYLE;

/** media/csl/ beside dist/ (the package) or beside the sources (tests run the TypeScript). */
function bundledCsl(name: string): string {
  const places = [join(__dirname, '..', 'media', 'csl', name), join(__dirname, '..', '..', '..', '..', 'media', 'csl', name)];
  const at = places.find((p) => existsSync(p));
  if (!at) throw new Error(`The bundled CSL style ${name} is missing (looked in ${places.join(', ')}).`);
  return readFileSync(at, 'utf8');
}

const STYLES: Record<string, string> = { [DEFAULT_STYLE]: bundledCsl(`${DEFAULT_STYLE}.csl`), ...(stylesJson as Record<string, string>) };
const LOCALES = localesJson as Record<string, string>;

/** The names of the bundled styles. */
export const BUNDLED_STYLES = Object.keys(STYLES);

interface Engine {
  updateItems(ids: string[]): void;
  rebuildProcessorState(citations: unknown[], mode: string, uncited?: unknown[]): Array<[string, number, string]>;
  makeBibliography(): [{ bibstart: string; bibend: string; entry_ids: string[][] }, string[]] | false;
  opt: { xclass?: string };
}

interface Cached {
  engine: Engine;
  items: Map<string, Record<string, unknown>>;
}

/** One citeproc engine per style text and locale, kept: building one parses the style (about 40 ms). */
const engines = new Map<string, Cached>();

function engineFor(styleXml: string, locale: string): Cached {
  const id = `${locale}\u0000${styleXml}`;
  let hit = engines.get(id);
  if (!hit) {
    const items = new Map<string, Record<string, unknown>>();
    const sys = {
      retrieveLocale: (lang: string) => LOCALES[lang] ?? LOCALES[lang.slice(0, 2)] ?? LOCALES['en-US'],
      retrieveItem: (key: string) => items.get(key),
    };
    const styleTag = /<style\b[^<>]*>/.exec(styleXml)?.[0];
    if (!styleTag?.includes('xmlns="http://purl.org/net/xbiblio/csl"')) throw new Error('it is not a CSL style (no <style xmlns="http://purl.org/net/xbiblio/csl"> element)');
    const malformed = xmlProblem(styleXml);
    if (malformed) throw new Error(malformed);
    const citation = styleXml.indexOf('<citation');
    if (citation < 0 || styleXml.indexOf('<layout', citation) < 0) throw new Error('it has no <citation> with a <layout>');
    const engine = new CSL.Engine(sys, styleXml, locale, true) as Engine;
    hit = { engine, items };
    if (engines.size >= 8) engines.delete(engines.keys().next().value!);
    engines.set(id, hit);
  }
  return hit;
}

/** A style's title, from its `<info><title>`. */
function titleOf(xml: string): string | undefined {
  const info = xml.indexOf('<info>');
  const open = info < 0 ? -1 : xml.indexOf('<title>', info);
  const close = open < 0 ? -1 : xml.indexOf('</title>', open);
  return close < 0 ? undefined : xml.slice(open + 7, close).trim() || undefined;
}

/**
 * Formats the clusters and the reference list. A style that fails (unknown name, not CSL,
 * a parse error in citeproc) is replaced by the default and named in `warning`.
 */
export function formatCitations(request: CitationFormatRequest): FormattedCitations {
  const locale = request.locale && LOCALES[request.locale] ? request.locale : 'en-US';
  let styleXml = request.style.xml ?? STYLES[request.style.name];
  let styleName = request.style.name;
  let warning: string | undefined;
  let cached: Cached | undefined;
  if (styleXml === undefined) warning = `Unknown citation style "${request.style.name}" (bundled: ${BUNDLED_STYLES.join(', ')}); using Chicago author-date.`;
  else {
    try {
      cached = engineFor(styleXml, locale);
    } catch (e) {
      warning = `The citation style ${request.style.origin ?? `"${request.style.name}"`} could not be read (${describe(e)}); using Chicago author-date.`;
    }
  }
  if (!cached) {
    styleName = DEFAULT_STYLE;
    styleXml = STYLES[DEFAULT_STYLE];
    cached = engineFor(styleXml, locale);
  }
  const { engine, items } = cached;
  items.clear();
  for (const item of request.items) items.set(item.id, normaliseItem(item));
  engine.updateItems(request.items.map((i) => i.id));
  const citations = request.clusters.map((c, n) => [
    {
      citationID: `c${n}`,
      citationItems: c.items.map((i) => ({
        id: i.id,
        ...(i.locator ? { locator: i.locator, label: i.label ?? 'page' } : {}),
        ...(i.prefix ? { prefix: `${i.prefix} ` } : {}),
        ...(i.suffix ? { suffix: i.suffix.startsWith(',') ? i.suffix : `, ${i.suffix}` } : {}),
        ...(i.mode === 'suppress-author' ? { 'suppress-author': true } : i.mode === 'author-in-text' ? { 'author-only': true } : {}),
      })),
      properties: { noteIndex: c.noteIndex ?? 0 },
    },
    n,
  ]);
  const out: string[] = new Array(request.clusters.length).fill('');
  if (citations.length) {
    for (const [id, , html] of engine.rebuildProcessorState(citations.map(([c]) => c), 'html')) out[Number(id.slice(1))] = html;
  }
  // Before the author-in-text clusters below: each rebuild resets the cited items.
  const bib = request.bibliography === false ? false : engine.makeBibliography();
  // Author-in-text (`@smith says`): Pandoc writes "Smith (2020)"; citeproc-js gives the author alone with `author-only`.
  request.clusters.forEach((c, n) => {
    if (c.items[0]?.mode === 'author-in-text') out[n] = authorInText(engine, c, out[n], n);
  });
  return {
    style: { name: styleName, title: titleOf(styleXml!) ?? styleName },
    warning,
    clusters: out,
    bibliography: bib ? bib[1].map((e, i) => ({ id: bib[0].entry_ids[i]?.[0] ?? '', html: e.trim() })) : [],
  };
}

/** "Smith (2020, 4)": the author alone, then the citation without the author. */
function authorInText(engine: Engine, c: CitationFormatRequest['clusters'][number], authorOnly: string, n: number): string {
  const [first, ...rest] = c.items;
  const withoutAuthor = engine.rebuildProcessorState(
    [
      {
        citationID: `t${n}`,
        citationItems: [{ id: first.id, 'suppress-author': true, ...(first.locator ? { locator: first.locator, label: first.label ?? 'page' } : {}), ...(first.suffix ? { suffix: `, ${first.suffix}` } : {}) }, ...rest.map((i) => ({ id: i.id }))],
        properties: { noteIndex: 0 },
      },
    ],
    'html',
  )[0]?.[2];
  return withoutAuthor ? `${authorOnly} ${withoutAuthor}` : authorOnly;
}

/** citeproc-js wants names as objects and dates as date-parts; CSL written by hand often has strings. */
function normaliseItem(item: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...item };
  for (const k of ['author', 'editor', 'translator', 'container-author']) {
    const v = out[k];
    if (Array.isArray(v)) out[k] = v.map((n) => (typeof n === 'string' ? { literal: n } : n));
    else if (typeof v === 'string') out[k] = [{ literal: v }];
  }
  for (const k of ['issued', 'accessed']) {
    const v = out[k];
    if (typeof v === 'string' || typeof v === 'number') out[k] = /^\d{4}(-\d\d){0,2}$/.test(String(v)) ? { 'date-parts': [String(v).split('-').map(Number)] } : { literal: String(v) };
    else if (Array.isArray(v) && v[0] && typeof v[0] === 'object') out[k] = v[0]; // CSL YAML's `issued: [{year: 2020}]`
    const d = out[k] as Record<string, unknown> | undefined;
    if (d && typeof d === 'object' && !d['date-parts'] && d.year !== undefined) out[k] = { 'date-parts': [[d.year, d.month, d.day].filter((x) => x !== undefined).map(Number)] };
  }
  return out;
}

/**
 * Why the XML is not well formed (tags that do not nest, an unclosed tag, text after the
 * root), or undefined. citeproc-js's own reader accepts broken XML and then renders
 * nothing; this check lets a broken style fall back to the default instead.
 */
export function xmlProblem(xml: string): string | undefined {
  const stack: string[] = [];
  const name = /\/?[A-Za-z_][\w:.-]*/y;
  let roots = 0;
  const skipTo = (from: number, end: string, what: string): number | string => {
    const at = xml.indexOf(end, from);
    return at < 0 ? `${what} is never closed` : at + end.length;
  };
  // One pass, no backtracking: a style is read on every preview of a brief that names it.
  for (let i = xml.indexOf('<'); i >= 0; i = xml.indexOf('<', i)) {
    let next: number | string;
    if (xml.startsWith('<!--', i)) next = skipTo(i + 4, '-->', 'a comment');
    else if (xml.startsWith('<![CDATA[', i)) next = skipTo(i + 9, ']]>', 'a CDATA section');
    else if (xml.startsWith('<?', i)) next = skipTo(i + 2, '?>', 'a processing instruction');
    else if (xml.startsWith('<!', i)) next = skipTo(i + 2, '>', 'a declaration');
    else {
      name.lastIndex = i + 1;
      const m = name.exec(xml);
      if (!m) return `a "<" at character ${i} starts no tag`;
      let j = i + 1 + m[0].length;
      for (;;) {
        const c = xml[j];
        if (c === undefined) return `<${m[0]}> is never closed`;
        if (c === '<') return `<${m[0]}> has no ">"`;
        if (c === '>') break;
        if (c === '"' || c === "'") {
          const q = xml.indexOf(c, j + 1);
          if (q < 0) return `an attribute of <${m[0]}> is never closed`;
          j = q;
        }
        j++;
      }
      const selfClosing = xml[j - 1] === '/';
      if (m[0].startsWith('/')) {
        const open = stack.pop();
        const tag = m[0].slice(1);
        if (open !== tag) return open ? `</${tag}> closes <${open}>` : `</${tag}> closes nothing`;
      } else if (!selfClosing) {
        if (stack.length === 0) roots++;
        stack.push(m[0]);
      } else if (stack.length === 0) roots++;
      next = j + 1;
    }
    if (typeof next === 'string') return next;
    i = next;
  }
  if (stack.length) return `<${stack[stack.length - 1]}> is never closed`;
  if (roots !== 1) return roots ? 'more than one root element' : 'no element';
  return undefined;
}

function describe(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return m.split('\n')[0].slice(0, 160);
}
