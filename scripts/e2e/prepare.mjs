/**
 * What both e2e launchers share (run.mjs: VS Code's server + headless Chromium;
 * electron.mjs: @vscode/test-electron): the packaged extension unpacked as VS Code would
 * install it, the compiled suite, and a scratch copy of the test workspace.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import yauzl from 'yauzl';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Packages the extension (`npm run package`, unless BRIEFMARK_E2E_VSIX names a .vsix) and
 * unpacks its `extension/` folder into `<extensionsDir>/<publisher>.<name>-<version>`.
 */
export async function installPackagedExtension(extensionsDir, { log = () => {} } = {}) {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  let vsix = process.env.BRIEFMARK_E2E_VSIX;
  if (!vsix) {
    vsix = join(root, `${pkg.name}-${pkg.version}.vsix`);
    rmSync(vsix, { force: true });
    log('packaging the extension (npm run package)');
    const r = spawnSync('npm', ['run', '--silent', 'package'], { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`npm run package exited with ${r.status ?? r.signal}`);
  }
  if (!existsSync(vsix)) throw new Error(`no .vsix at ${vsix}`);
  const extDir = join(extensionsDir, `${pkg.publisher}.${pkg.name}-${pkg.version}`);
  const names = await unpackVsix(vsix, extDir);
  checkPackageContents(vsix, names);
  return { vsix, extDir, files: names.length, bytes: statSync(vsix).size };
}

/**
 * The package stays small and self-contained: bundles only, no sources, maps or
 * node_modules (any of which adds megabytes). 1.5 MiB until 5 December 2026, when the
 * package reached 1.50 MiB (the CSL engine and the assertion model having joined it).
 */
export const MAX_VSIX_BYTES = 1.75 * 1024 * 1024;
function checkPackageContents(vsix, names) {
  const size = statSync(vsix).size;
  if (size > MAX_VSIX_BYTES) throw new Error(`${vsix} is ${size} bytes, over the ${MAX_VSIX_BYTES}-byte budget (docs/testing-e2e.md)`);
  const unexpected = names.filter((n) => /(^|\/)node_modules\/|\.map$|\.ts$|^(server|client|test|scripts)\//.test(n));
  if (unexpected.length) throw new Error(`the .vsix ships files it should not: ${unexpected.join(', ')} (check .vscodeignore)`);
  for (const required of ['package.json', 'dist/client.js', 'dist/server.js', 'dist/sourceExtractor.js', 'images/icon.png', 'media/preview.css', 'syntaxes/briefmark.injection.tmLanguage.json']) {
    if (!names.includes(required)) throw new Error(`the .vsix lacks ${required} (check .vscodeignore)`);
  }
}

/** Compiles test/e2e/suite file by file to dist/e2e/suite (mocha loads each *.test.js). */
export async function buildSuite() {
  const src = join(root, 'test/e2e/suite');
  const out = join(root, 'dist/e2e/suite');
  rmSync(out, { recursive: true, force: true });
  const entryPoints = readdirSync(src).filter((f) => f.endsWith('.ts')).map((f) => join(src, f));
  await esbuild.build({ entryPoints, outdir: out, bundle: false, platform: 'node', format: 'cjs', target: 'node20', sourcemap: 'inline', logLevel: 'warning' });
  return out;
}

/** The example briefs plus the e2e fixtures (test/e2e/workspace), copied to `dir`. */
export async function prepareWorkspace(dir) {
  cpSync(join(root, 'examples'), dir, { recursive: true });
  cpSync(join(root, 'test/e2e/workspace'), dir, { recursive: true });
  await writeAttachmentPdf(join(dir, 'papers', 'outlook.pdf'));
  return dir;
}

/**
 * The PDF that attachment.brief.md's bibliography entry names in its `file` field, made
 * with pdf-lib (no binary in the repository): two pages, the figure on the second.
 */
async function writeAttachmentPdf(path) {
  const { PDFDocument, StandardFonts } = await import('pdf-lib');
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage([595, 842]).drawText('World Economic Outlook: summary.', { x: 50, y: 780, size: 12, font });
  doc.addPage([595, 842]).drawText('Global growth will slow to 2.7% next year, the Fund said.', { x: 50, y: 780, size: 12, font });
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, await doc.save());
}

/** Unpacks the `extension/` folder of a .vsix (a zip) into `dest`; resolves to the files' relative paths. */
export function unpackVsix(vsix, dest) {
  return new Promise((res, rej) => {
    yauzl.open(vsix, { lazyEntries: true }, (err, zip) => {
      if (err) return rej(err);
      const files = [];
      zip.on('error', rej);
      zip.on('end', () => res(files));
      zip.on('entry', (entry) => {
        if (!entry.fileName.startsWith('extension/') || entry.fileName.endsWith('/')) return zip.readEntry();
        const out = join(dest, entry.fileName.slice('extension/'.length));
        mkdirSync(dirname(out), { recursive: true });
        zip.openReadStream(entry, (e, stream) => {
          if (e) return rej(e);
          const w = createWriteStream(out);
          w.on('finish', () => {
            files.push(entry.fileName.slice('extension/'.length));
            zip.readEntry();
          });
          w.on('error', rej);
          stream.pipe(w);
        });
      });
      zip.readEntry();
    });
  });
}

