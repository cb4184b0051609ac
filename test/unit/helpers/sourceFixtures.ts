/**
 * Source documents made in the tests, with the field's libraries (nothing downloaded):
 * PDFs with pdf-lib (a font with ligatures, words hyphenated at line ends, two columns, a
 * page with no text layer), Word files with docx, web pages with navigation and footer
 * noise around the article, ZIP archives by hand (for the ZIP bomb), and an encrypted PDF
 * through Debian's qpdf (scripts/setup-test-tools.sh installs it).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { crc32, deflateRawSync } from 'node:zlib';
import fontkit from '@pdf-lib/fontkit';
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { PDFDocument, rgb } from 'pdf-lib';

export const FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';

export interface PdfPage {
  /** Lines of text, top to bottom; empty for a page with no text layer (a drawn shape only). */
  lines?: string[];
  /** Two columns, side by side, line for line. */
  columns?: [string[], string[]];
  /**
   * A page laid out as reports are: a heading in a larger type, paragraphs a wider gap
   * apart than their lines, and table rows whose cells are drawn apart (each cell its own
   * text run, as typesetters write them).
   */
  blocks?: Array<{ heading: string } | { paragraph: string[] } | { row: string[] }>;
}

export async function makePdf(pages: PdfPage[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(readFileSync(FONT), { subset: true });
  for (const p of pages) {
    const page = doc.addPage([595, 842]);
    if (p.columns) {
      p.columns[0].forEach((l, i) => page.drawText(l, { x: 50, y: 780 - 14 * i, size: 10, font }));
      p.columns[1].forEach((l, i) => page.drawText(l, { x: 320, y: 780 - 14 * i, size: 10, font }));
    } else if (p.blocks) {
      let y = 780;
      for (const b of p.blocks) {
        if ('heading' in b) {
          page.drawText(b.heading, { x: 50, y, size: 16, font });
          y -= 30;
        } else if ('paragraph' in b) {
          for (const l of b.paragraph) {
            page.drawText(l, { x: 50, y, size: 10, font });
            y -= 14;
          }
          y -= 8;
        } else {
          b.row.forEach((cell, j) => page.drawText(cell, { x: 50 + 160 * j, y, size: 10, font }));
          y -= 14;
        }
      }
    } else if (p.lines?.length) p.lines.forEach((l, i) => page.drawText(l, { x: 50, y: 780 - 14 * i, size: 10, font }));
    else page.drawRectangle({ x: 50, y: 400, width: 300, height: 200, color: rgb(0.6, 0.6, 0.6) });
  }
  return doc.save();
}

/**
 * A long text as a PDF: wrapped at `width` characters (long words split with a hyphen at
 * the line end, as typesetters do), `perPage` lines a page. Returns the PDF and the page
 * each paragraph starts on.
 */
export async function textToPdf(text: string, width = 80, perPage = 40): Promise<Uint8Array> {
  const lines: string[] = [];
  for (const para of text.split(/\n\s*\n/)) {
    let line = '';
    for (const word of para.split(/\s+/).filter(Boolean)) {
      if ((line + ' ' + word).trim().length <= width) {
        line = (line + ' ' + word).trim();
        continue;
      }
      const room = width - line.length - 2;
      if (word.length >= 10 && room >= 4 && /^[a-z]+$/i.test(word.slice(0, room))) {
        lines.push(`${line} ${word.slice(0, room)}-`.trim());
        line = word.slice(room);
      } else {
        if (line) lines.push(line);
        line = word;
      }
    }
    if (line) lines.push(line);
    lines.push('');
  }
  const pages: PdfPage[] = [];
  for (let i = 0; i < lines.length; i += perPage) pages.push({ lines: lines.slice(i, i + perPage) });
  return makePdf(pages);
}

export async function makeDocx(paragraphs: Array<string | string[][]>): Promise<Buffer> {
  // A string is a paragraph; an array of rows is a table, each cell a paragraph (as Word writes them).
  const children = paragraphs.map((p) =>
    typeof p === 'string'
      ? new Paragraph({ children: [new TextRun(p)] })
      : new Table({ rows: p.map((row) => new TableRow({ children: row.map((cell) => new TableCell({ children: [new Paragraph({ children: [new TextRun(cell)] })] })) })) }),
  );
  const doc = new Document({ sections: [{ children }] });
  return Packer.toBuffer(doc);
}

/** A web page: the article in its paragraphs, between navigation, a script, adverts and a footer. */
export function makeHtml(title: string, paragraphs: string[]): string {
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const nav = '<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World news</a></li><li><a href="/sport">Sport results</a></li></ul></nav>';
  const script = '<script>document.body.innerHTML = "SCRIPT RAN"; globalThis.ran = true;</script>';
  const aside = '<aside class="ad"><p>Subscribe now for 99 cents a month and never miss a story.</p></aside>';
  const footer = '<footer><p>© 2025 The Example Times. All rights reserved. Cookie settings. Privacy policy.</p></footer>';
  return `<!DOCTYPE html><html><head><title>${escape(title)}</title>${script}</head><body>${nav}<main><article><h1>${escape(title)}</h1>${paragraphs.map((p) => `<p>${escape(p)}</p>`).join('')}</article>${aside}</main>${footer}</body></html>`;
}

/** A ZIP archive (stored or deflated entries), written by hand: enough for a Word file that is a ZIP bomb. */
export function makeZip(files: Array<{ name: string; data: Buffer }>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const f of files) {
    const compressed = deflateRawSync(f.data, { level: 9 });
    const name = Buffer.from(f.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc32(f.data), 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(f.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc32(f.data), 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(f.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, compressed);
    centrals.push(central, name);
    offset += local.length + name.length + compressed.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

/** An encrypted copy of a PDF (user password `secret`), by Debian's qpdf. */
export function encryptPdf(input: string, output: string): void {
  const r = spawnSync('qpdf', ['--encrypt', 'secret', 'owner', '256', '--', input, output], { encoding: 'utf8' });
  if (r.error || r.status !== 0) throw new Error(`qpdf failed (run scripts/setup-test-tools.sh): ${r.error?.message ?? r.stderr}`);
}

export function write(path: string, data: Uint8Array | string): string {
  writeFileSync(path, data);
  return path;
}
