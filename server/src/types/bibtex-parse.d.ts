/** Types for `bibtex-parse` (a PEG.js BibTeX grammar; the package ships none). */
declare module 'bibtex-parse' {
  export interface BibtexValuePart {
    value: string | number;
    datatype: 'identifier' | 'quoted' | 'braced' | 'number';
    raw: string;
  }
  export interface BibtexField {
    name: string;
    value: string | number | BibtexValuePart[];
    datatype: 'identifier' | 'quoted' | 'braced' | 'number' | 'concatinate';
    raw: string;
  }
  export type BibtexItem =
    | { itemtype: 'entry'; type: string; key: string; enclosed: string; fields: BibtexField[]; raw: string }
    | { itemtype: 'string'; name: string; value: string | number | BibtexValuePart[]; datatype: string; raw: string }
    | { itemtype: 'preamble'; value: unknown; raw: string }
    | { itemtype: 'comment'; comment: string };
  export interface BibtexSyntaxError extends Error {
    location?: { start: { offset: number; line: number; column: number }; end: { offset: number; line: number; column: number } };
  }
  export function parse(text: string): BibtexItem[];
  export function entries(text: string): Array<Record<string, unknown> & { key: string; type: string }>;
  const bibtexParse: { parse: typeof parse; entries: typeof entries };
  export default bibtexParse;
}
