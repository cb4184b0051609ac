/**
 * The text of a file's bytes, as editors and Pandoc read it: UTF-8 (a byte order mark
 * dropped), UTF-16 with a byte order mark, and otherwise — when the bytes are not valid
 * UTF-8 — Windows-1252, the Latin-1 superset that Pandoc falls back to. `note` says when
 * the file was not plain UTF-8, for a message on the file. Pure (TextDecoder is in Node
 * and in browsers).
 */
export function decodeText(bytes: Uint8Array): { text: string; note?: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)) };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), note: 'The file is UTF-16 (little-endian); it was read as such. Pandoc reads only UTF-8: save it as UTF-8.' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), note: 'The file is UTF-16 (big-endian); it was read as such. Pandoc reads only UTF-8: save it as UTF-8.' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), note: 'The file is not UTF-8; it was read as Windows-1252 (Latin-1), as Pandoc falls back to. Save it as UTF-8.' };
  }
}
