import { BUILTIN_TAG_INFO, BUILTIN_TAGS, tagNames, type Conventions } from '../conventions/types';
import { uuidv5 } from './uuidv5';

/** The namespace of every Briefmark code GUID: uuidv5("briefmark.dev", DNS namespace). */
export const BRIEFMARK_NAMESPACE = uuidv5('briefmark.dev', '6ba7b810-9dad-11d1-80b4-00c04fd430c8');
export const CODEBOOK_NS = 'urn:QDA-XML:codebook:1.0';

const BUILTIN_DESCRIPTIONS: Record<string, string> = Object.fromEntries(BUILTIN_TAGS.map((t) => [t, `${BUILTIN_TAG_INFO[t].description.replace(/\.$/, '')} (Briefmark :${t} tag).`]));

export interface CodebookCode {
  guid: string;
  name: string;
  isCodable: boolean;
  description?: string;
  children: CodebookCode[];
}

export interface CodebookSet {
  guid: string;
  name: string;
  description?: string;
  members: string[];
}

export interface Codebook {
  codes: CodebookCode[];
  sets: CodebookSet[];
}

/** A stable GUID for a vocabulary item: the same id always gives the same GUID. */
export function codeGuid(kind: string, id: string): string {
  return uuidv5(`${kind}:${id}`, BRIEFMARK_NAMESPACE).toUpperCase();
}

/**
 * The conventions' vocabulary as a REFI-QDA codebook: one code per tag (claim, actor, rec,
 * and the team's own), its allowed attribute values below it, every registered actor below
 * `actor`, every expected track below `rec`; one set per actor type. Deterministic: the
 * same conventions give the same codebook, GUID for GUID.
 */
export function buildCodebook(conventions: Conventions): Codebook {
  const codes: CodebookCode[] = [];
  for (const tag of tagNames(conventions)) {
    const rule = conventions.tags[tag] ?? {};
    const code: CodebookCode = {
      guid: codeGuid('tag', tag),
      name: tag,
      isCodable: true,
      description: rule.description ?? BUILTIN_DESCRIPTIONS[tag] ?? `Team tag :${tag}.`,
      children: [],
    };
    if (rule.required?.length) code.description += ` Required attributes: ${rule.required.join(', ')}.`;
    for (const [attr, values] of Object.entries(rule.attributes ?? {})) {
      code.children.push({
        guid: codeGuid('attribute', `${tag}/${attr}`),
        name: `${tag} ${attr}`,
        isCodable: false,
        description: `Allowed values of the ${attr} attribute of :${tag}.`,
        children: values.map((v) => ({ guid: codeGuid('value', `${tag}/${attr}=${v}`), name: v, isCodable: true, description: `${attr}=${v}`, children: [] })),
      });
    }
    if (tag === 'actor') {
      for (const a of conventions.actors) {
        const parts = [`Actor id: ${a.id}.`];
        if (a.type) parts.push(`Type: ${a.type}.`);
        if (a.role) parts.push(`Role: ${a.role}.`);
        if (a.description) parts.push(a.description);
        if (a.aliases?.length) parts.push(`Also known as: ${a.aliases.join(', ')}.`);
        code.children.push({ guid: codeGuid('actor', a.id), name: a.name, isCodable: true, description: parts.join(' '), children: [] });
      }
    }
    if (tag === 'rec') {
      for (const t of conventions.framework.tracks)
        code.children.push({ guid: codeGuid('track', t.id), name: `Track: ${t.title}`, isCodable: true, description: `Track id: ${t.id}. A recommendation of this track of the solutions framework.`, children: [] });
    }
    codes.push(code);
  }
  const sets: CodebookSet[] = [];
  const types = [...new Set(conventions.actors.map((a) => a.type).filter((t): t is NonNullable<typeof t> => !!t))].sort();
  for (const type of types)
    sets.push({
      guid: codeGuid('actor-type', type),
      name: `Actors: ${type}`,
      description: `Registered actors of type ${type}.`,
      members: conventions.actors.filter((a) => a.type === type).map((a) => codeGuid('actor', a.id)),
    });
  return { codes, sets };
}

const escapeXml = (s: string) =>
  s
    // Characters XML 1.0 cannot carry at all.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

/**
 * The `.qdc` XML (REFI-QDA Codebook 1.0, `Codebook.xsd`) of the conventions. A set's members
 * are `<MemberCode guid=…>`: `targetGUID` belongs to the Project schema (`.qdpx`), and
 * QDA programs that validate on import reject it in a codebook.
 */
export function exportCodebook(conventions: Conventions, origin = 'Briefmark'): string {
  const book = buildCodebook(conventions);
  const out = ['<?xml version="1.0" encoding="utf-8"?>', `<CodeBook xmlns="${CODEBOOK_NS}" origin="${escapeXml(origin)}">`, '  <Codes>'];
  const code = (c: CodebookCode, depth: number) => {
    const pad = '  '.repeat(depth);
    out.push(`${pad}<Code guid="${c.guid}" name="${escapeXml(c.name)}" isCodable="${c.isCodable}">`);
    if (c.description) out.push(`${pad}  <Description>${escapeXml(c.description)}</Description>`);
    for (const child of c.children) code(child, depth + 1);
    out.push(`${pad}</Code>`);
  };
  for (const c of book.codes) code(c, 2);
  out.push('  </Codes>');
  // The schema requires at least one Set inside Sets: omit the element when there is none.
  if (book.sets.length) {
    out.push('  <Sets>');
    for (const s of book.sets) {
      out.push(`    <Set guid="${s.guid}" name="${escapeXml(s.name)}">`);
      if (s.description) out.push(`      <Description>${escapeXml(s.description)}</Description>`);
      for (const m of s.members) out.push(`      <MemberCode guid="${m}"/>`);
      out.push('    </Set>');
    }
    out.push('  </Sets>');
  }
  out.push('</CodeBook>', '');
  return out.join('\n');
}
