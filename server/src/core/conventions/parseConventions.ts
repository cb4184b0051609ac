import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { isMap, isPair, isScalar, isSeq, type Document, type Node as YamlNode } from 'yaml';
import { readYaml, tooDeepMessage, withValuesQuoted } from '../parse/yaml';
import schema from '../../../../schemas/briefmark.schema.json';
import type { Span } from '../text/span';
import type { ActorEntry, ActorType, SeveritySetting, TagRule, TrackEntry } from './types';

/** A problem in a conventions file, at the exact key or value (offsets into that file's text). */
export interface ConventionsProblem {
  message: string;
  span: Span;
}

/** What one conventions file sets; only the keys it writes. Paths are relative to the file. */
export interface ConventionsLayer {
  uri?: string;
  briefs?: string[];
  bibliography?: string[];
  sourceDocuments?: string;
  citationStyle?: string;
  actors?: ActorEntry[];
  tags?: Record<string, TagRule>;
  framework?: { headings?: string[]; tracks?: TrackEntry[] };
  rules?: Record<string, SeveritySetting>;
  assertions?: { exemptSections?: string[]; sensitivity?: 'low' | 'balanced' | 'high' };
}

export interface ExtendsEntry {
  path: string;
  span: Span;
}

export interface ParsedConventions {
  uri: string;
  text: string;
  /** The usable part of the file: a broken key is left out, the rest still applies. */
  layer: ConventionsLayer;
  extends: ExtendsEntry[];
  problems: ConventionsProblem[];
}

let validator: ValidateFunction | undefined;
function validate(): ValidateFunction {
  validator ??= new Ajv({ allErrors: true, verbose: true, strict: false }).compile(schema);
  return validator;
}

type PathSeg = string | number;

/**
 * Parses and validates the text of a `.briefmark.yaml` file. Never throws: YAML syntax
 * errors and schema violations become problems with the span of the key or value
 * concerned, and the parts that are valid still apply.
 */
export function parseConventions(uri: string, text: string): ParsedConventions {
  const problems: ConventionsProblem[] = [];
  const result: ParsedConventions = { uri, text, layer: { uri }, extends: [], problems };
  let doc: Document.Parsed;
  try {
    const read = readYaml(text, { prettyErrors: false, uniqueKeys: true });
    if (!read.doc) {
      problems.push({ message: `${tooDeepMessage('The conventions file')}; the defaults apply.`, span: errorSpan(text, read.tooDeepAt, read.tooDeepAt + 1) });
      return result;
    }
    doc = read.doc;
    // A value that needs quotes (a track's title with a colon): said so, and the file read as if quoted.
    if (doc.errors.length) {
      const quoted = withValuesQuoted(text, doc, { prettyErrors: false, uniqueKeys: true }, false);
      doc = quoted.doc;
      for (const v of quoted.values) problems.push({ message: `YAML syntax error: ${v.advice}. The file is read as if it were quoted.`, span: { start: v.start, end: v.end } });
    }
  } catch (e) {
    problems.push({ message: `Cannot parse the conventions: ${(e as Error).message}`, span: { start: 0, end: Math.min(text.length, firstLineEnd(text, 0)) } });
    return result;
  }
  for (const e of doc.errors) problems.push({ message: yamlMessage(e.message), span: errorSpan(text, e.pos[0], e.pos[1]) });
  if (doc.errors.length > 0) return result; // Defaults apply; the file's own errors are shown.
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    problems.push({ message: `Cannot read the conventions: ${(e as Error).message}`, span: { start: 0, end: firstLineEnd(text, 0) } });
    return result;
  }
  if (data === null || data === undefined) return result; // An empty file: nothing set.

  const valid = validate()(data);
  const prune: PathSeg[][] = [];
  if (!valid) {
    for (const err of validate().errors ?? []) {
      // Errors about a property name repeat the `propertyNames` error that follows them.
      if ((err as { propertyName?: string }).propertyName !== undefined) continue;
      const path = pointerToPath(err.instancePath);
      const p = describe(doc, text, err, path);
      if (p && !problems.some((q) => q.span.start === p.span.start && q.span.end === p.span.end && q.message === p.message)) problems.push(p);
      const unit = pruneUnit(err, path);
      if (unit) prune.push(unit);
    }
  }
  if (typeof data !== 'object' || Array.isArray(data)) return result;
  for (const unit of prune.sort((a, b) => comparePaths(b, a))) removeAt(data, unit);
  result.layer = toLayer(uri, data as Record<string, unknown>);
  result.extends = extendsEntries(doc, text, data as Record<string, unknown>);
  duplicateActorIds(doc, text, problems);
  problems.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  return result;
}

/** A YAML error's place: a one-character position grows to its token; the end of the file becomes its last line. */
function errorSpan(text: string, start: number, end: number): Span {
  if (start >= text.trimEnd().length) {
    const body = text.trimEnd();
    const lineStart = Math.max(body.lastIndexOf('\n'), body.lastIndexOf('\r')) + 1;
    return lineStart < body.length ? { start: lineStart, end: body.length } : clampSpan(text, start, end);
  }
  if (end - start <= 1) {
    let e = start;
    while (e < text.length && !/[\s:,\]}]/.test(text[e])) e++;
    end = Math.max(end, e);
  }
  return clampSpan(text, start, end);
}

function yamlMessage(m: string): string {
  const first = m.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  return `YAML syntax error: ${first}`;
}

function pointerToPath(pointer: string): PathSeg[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function comparePaths(a: PathSeg[], b: PathSeg[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] === b[i]) continue;
    if (typeof a[i] === 'number' && typeof b[i] === 'number') return (a[i] as number) - (b[i] as number);
    return String(a[i]).localeCompare(String(b[i]));
  }
  return a.length - b.length;
}

/**
 * The smallest part of the file that an error makes unusable: an actor entry, a track,
 * a rule, a tag's rules, or else the whole top-level key. Unknown keys are ignored, not pruned.
 */
function pruneUnit(err: ErrorObject, path: PathSeg[]): PathSeg[] | undefined {
  if (err.keyword === 'additionalProperties') return undefined;
  if (err.keyword === 'propertyNames') {
    const name = (err.params as { propertyName?: string }).propertyName;
    return name === undefined ? path : [...path, name];
  }
  if (path.length === 0) return undefined;
  // An optional field of an actor or tag is dropped alone; a bad id or name drops the entry.
  if (path[0] === 'actors' && path.length >= 3 && path[2] !== 'id' && path[2] !== 'name') return path.slice(0, 3);
  if (path[0] === 'tags' && path.length >= 3) return path.slice(0, 3);
  if (path[0] === 'actors' || path[0] === 'rules' || path[0] === 'tags') return path.slice(0, 2);
  if (path[0] === 'framework' && path[1] === 'tracks') return path.slice(0, 3);
  if (path[0] === 'framework') return path.slice(0, 2);
  return path.slice(0, 1);
}

function removeAt(root: unknown, path: PathSeg[]): void {
  let parent: unknown = root;
  for (const seg of path.slice(0, -1)) {
    if (parent === null || typeof parent !== 'object') return;
    parent = (parent as Record<string, unknown>)[seg as string];
  }
  const last = path[path.length - 1];
  if (Array.isArray(parent) && typeof last === 'number') parent[last] = undefined;
  else if (parent && typeof parent === 'object') delete (parent as Record<string, unknown>)[last as string];
}

/** The YAML node at `path`, or the nearest node above it. */
function nodeAt(doc: Document.Parsed, path: PathSeg[]): YamlNode | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    if (node && typeof node === 'object' && 'range' in node) return node as YamlNode;
  }
  return undefined;
}

/** The key node of the pair `name` in the map at `path`. */
function keyNodeAt(doc: Document.Parsed, path: PathSeg[], name: string): YamlNode | undefined {
  const map = path.length === 0 ? doc.contents : doc.getIn(path, true);
  if (!isMap(map)) return undefined;
  for (const item of map.items) if (isPair(item) && isScalar(item.key) && String(item.key.value) === name) return item.key;
  return undefined;
}

function spanOf(text: string, node: YamlNode | undefined, firstLineOnly = false): Span {
  if (!node?.range) return { start: 0, end: firstLineEnd(text, 0) };
  const [start, valueEnd] = node.range;
  const end = firstLineOnly ? Math.min(valueEnd, firstLineEnd(text, start)) : valueEnd;
  return clampSpan(text, start, Math.max(start, trimEnd(text, start, end)));
}

function trimEnd(text: string, start: number, end: number): number {
  while (end > start && /\s/.test(text[end - 1])) end--;
  return end;
}

function firstLineEnd(text: string, from: number): number {
  const nl = text.slice(from).search(/[\r\n]/);
  return nl < 0 ? text.length : from + nl;
}

function clampSpan(text: string, start: number, end: number): Span {
  const s = Math.max(0, Math.min(start, text.length));
  let e = Math.max(s, Math.min(end, text.length));
  if (e === s && s < text.length) e = Math.min(text.length, firstLineEnd(text, s) > s ? firstLineEnd(text, s) : s + 1);
  return { start: s, end: e };
}

const where = (path: PathSeg[]) => (path.length ? path.map((s) => (typeof s === 'number' ? `[${s}]` : `.${s}`)).join('').replace(/^\./, '') : 'The file');

const TYPE_NAMES: Record<string, string> = { object: 'a mapping (key: value)', array: 'a list', string: 'text', number: 'a number', boolean: 'true or false', null: 'empty' };
const typeName = (t: unknown) => (Array.isArray(t) ? t.map((x) => TYPE_NAMES[x] ?? x).join(' or ') : (TYPE_NAMES[String(t)] ?? String(t)));

/** A person-readable problem at the exact key or value an ajv error concerns. */
function describe(doc: Document.Parsed, text: string, err: ErrorObject, path: PathSeg[]): ConventionsProblem | undefined {
  const node = nodeAt(doc, path);
  const at = where(path);
  const params = err.params as Record<string, unknown>;
  switch (err.keyword) {
    case 'additionalProperties': {
      const name = String(params.additionalProperty);
      const allowed = Object.keys((err.parentSchema as { properties?: object })?.properties ?? {});
      const inside = path.length ? ` in ${at}` : '';
      return { message: `Unknown key "${name}"${inside}; expected one of: ${allowed.join(', ')}.`, span: spanOf(text, keyNodeAt(doc, path, name) ?? node) };
    }
    case 'required': {
      const missing = String(params.missingProperty);
      return { message: `${at} lacks the required key "${missing}".`, span: spanOf(text, node, true) };
    }
    case 'propertyNames': {
      const name = String(params.propertyName);
      const keySpan = spanOf(text, keyNodeAt(doc, path, name) ?? node);
      if (path[0] === 'rules') return { message: `"${name}" is not a Briefmark diagnostic code; expected one of: ${(schema.properties.rules.propertyNames.enum as string[]).join(', ')}.`, span: keySpan };
      if (path[0] === 'tags') return { message: `"${name}" is not a valid tag name: use letters, digits, "-" and "_", starting with a letter.`, span: keySpan };
      return { message: `Invalid key "${name}" in ${at}.`, span: keySpan };
    }
    case 'type':
      return { message: `${at} must be ${typeName(params.type)}.`, span: spanOf(text, node, isMap(node) || isSeq(node)) };
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String);
      return { message: `${JSON.stringify(err.data)} is not allowed for ${at}; expected one of: ${allowed.join(', ')}.`, span: spanOf(text, node) };
    }
    case 'pattern':
      return { message: `${JSON.stringify(err.data)} is not a valid id for ${at}: use letters, digits, "-", "_", "." and ":", with no spaces.`, span: spanOf(text, node) };
    case 'minLength':
      return { message: `${at} must not be empty.`, span: spanOf(text, node) };
    case 'minItems':
      return { message: `${at} must list at least ${String(params.limit)} value${params.limit === 1 ? '' : 's'}.`, span: spanOf(text, node, true) };
    default:
      return { message: `${at}: ${err.message ?? 'invalid value'}.`, span: spanOf(text, node, true) };
  }
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const strList = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : undefined);

/** The valid remainder of the data (errors were pruned) as a layer. */
function toLayer(uri: string, data: Record<string, unknown>): ConventionsLayer {
  const layer: ConventionsLayer = { uri };
  if (data.briefs !== undefined) layer.briefs = strList(data.briefs);
  if (data.bibliography !== undefined) layer.bibliography = strList(data.bibliography);
  if (typeof data.sourceDocuments === 'string') layer.sourceDocuments = data.sourceDocuments;
  if (typeof data.citationStyle === 'string') layer.citationStyle = data.citationStyle;
  if (Array.isArray(data.actors)) {
    layer.actors = data.actors
      .filter((a): a is Record<string, unknown> => !!a && typeof a === 'object')
      .map((a) => {
        const entry: ActorEntry = { id: String(a.id), name: String(a.name) };
        if (a.type !== undefined) entry.type = a.type as ActorType;
        if (str(a.role) !== undefined) entry.role = str(a.role);
        if (str(a.description) !== undefined) entry.description = str(a.description);
        if (Array.isArray(a.aliases)) entry.aliases = strList(a.aliases);
        return entry;
      });
  }
  if (data.tags && typeof data.tags === 'object') {
    layer.tags = {};
    for (const [name, rule] of Object.entries(data.tags as Record<string, unknown>)) {
      const r = (rule ?? {}) as Record<string, unknown>;
      const tag: TagRule = {};
      if (Array.isArray(r.required)) tag.required = strList(r.required);
      if (r.attributes && typeof r.attributes === 'object') {
        tag.attributes = {};
        for (const [attr, values] of Object.entries(r.attributes as Record<string, unknown>)) if (Array.isArray(values)) tag.attributes[attr] = values.map(String);
      }
      if (str(r.description) !== undefined) tag.description = str(r.description);
      layer.tags[name] = tag;
    }
  }
  if (data.framework && typeof data.framework === 'object') {
    const f = data.framework as Record<string, unknown>;
    layer.framework = {};
    if (f.heading !== undefined) layer.framework.headings = strList(f.heading);
    if (Array.isArray(f.tracks)) layer.framework.tracks = f.tracks.filter((t): t is Record<string, unknown> => !!t && typeof t === 'object').map((t) => ({ id: String(t.id), title: String(t.title) }));
  }
  if (data.rules && typeof data.rules === 'object') layer.rules = { ...(data.rules as Record<string, SeveritySetting>) };
  if (data.assertions && typeof data.assertions === 'object') {
    const a = data.assertions as Record<string, unknown>;
    layer.assertions = {};
    if (a.exemptSections !== undefined) layer.assertions.exemptSections = strList(a.exemptSections);
    if (a.sensitivity === 'low' || a.sensitivity === 'balanced' || a.sensitivity === 'high') layer.assertions.sensitivity = a.sensitivity;
  }
  return layer;
}

function extendsEntries(doc: Document.Parsed, text: string, data: Record<string, unknown>): ExtendsEntry[] {
  if (data.extends === undefined) return [];
  const node = doc.getIn(['extends'], true);
  if (isScalar(node) && typeof node.value === 'string') return [{ path: node.value, span: spanOf(text, node) }];
  if (isSeq(node)) return node.items.filter((n): n is import('yaml').Scalar<string> => isScalar(n) && typeof n.value === 'string' && n.value.length > 0).map((n) => ({ path: n.value, span: spanOf(text, n) }));
  return [];
}

/** Two actors of one file with the same id: the later one wins, and that is worth a warning. */
function duplicateActorIds(doc: Document.Parsed, text: string, problems: ConventionsProblem[]): void {
  const actors = doc.getIn(['actors'], true);
  if (!isSeq(actors)) return;
  const seen = new Map<string, number>();
  actors.items.forEach((item, i) => {
    if (!isMap(item)) return;
    const idNode = item.get('id', true);
    if (!isScalar(idNode) || typeof idNode.value !== 'string') return;
    const first = seen.get(idNode.value);
    if (first !== undefined) problems.push({ message: `Actor id "${idNode.value}" is already used by actors[${first}]; ids must be unique (the later entry replaces the earlier).`, span: spanOf(text, idNode) });
    else seen.set(idNode.value, i);
  });
}
