import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CheckCache, environmentFingerprint, resolveCacheLocation, toolFingerprint } from '../../server/src/cli/cache';
import { defaultConventions } from '../../server/src/core/conventions/types';

const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');
const BRIEF = '---\nbrief: true\n---\n# B\n\n:claim[Unsourced one].\n\n:claim[Sourced][@k].\n';

function check(cwd: string, ...args: string[]) {
  const p = spawnSync(process.execPath, [CLI, 'check', ...args], { cwd, encoding: 'utf8', env: { ...process.env, BRIEFMARK_CACHE_STATS: '1' } });
  const stats = /cache (\d+) hits, (\d+) misses(?:; previous cache discarded: (.*))?/.exec(p.stderr);
  return { status: p.status, stdout: p.stdout, hits: Number(stats?.[1]), misses: Number(stats?.[2]), discarded: stats?.[3], stderr: p.stderr };
}

describe('briefmark check --cache', function () {
  this.timeout(60000);
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'briefmark-cache-test-'));
    writeFileSync(join(dir, 'a.brief.md'), BRIEF);
    writeFileSync(join(dir, 'b.brief.md'), BRIEF.replace('Unsourced one', 'Another'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reuses unchanged files and gives the same output', () => {
    const plain = check(dir);
    const first = check(dir, '--cache');
    assert.equal(first.misses, 2);
    assert.equal(first.hits, 0);
    assert.ok(existsSync(join(dir, '.briefmarkcache')));
    const second = check(dir, '--cache');
    assert.equal(second.hits, 2);
    assert.equal(second.misses, 0);
    assert.equal(second.stdout, plain.stdout);
    assert.equal(second.stdout, first.stdout);
    assert.equal(second.status, plain.status);
    assert.match(plain.stdout, /unsourced-claim/);
  });

  it('re-checks a file whose content changed, and only that one', () => {
    check(dir, '--cache');
    writeFileSync(join(dir, 'b.brief.md'), BRIEF + '\n:claim[A third one].\n');
    const r = check(dir, '--cache');
    assert.equal(r.hits, 1);
    assert.equal(r.misses, 1);
    assert.equal(r.stdout, check(dir).stdout);
    assert.match(r.stdout, /A third one/);
  });

  it('uses what it stored (a hit does not analyse again)', () => {
    check(dir, '--cache');
    const file = join(dir, '.briefmarkcache');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/has no source/g, 'CACHED RESULT'));
    assert.match(check(dir, '--cache').stdout, /CACHED RESULT/);
  });

  it('drops a cache written by another build or version', () => {
    check(dir, '--cache');
    const file = join(dir, '.briefmarkcache');
    const data = JSON.parse(readFileSync(file, 'utf8'));
    data.tool = '0.0.9+other';
    data.entries[Object.keys(data.entries)[0]].result.diagnostics = [];
    writeFileSync(file, JSON.stringify(data));
    const r = check(dir, '--cache');
    assert.equal(r.hits, 0);
    assert.match(r.discarded ?? '', /another build/);
    assert.equal(r.stdout, check(dir).stdout);
    assert.equal(check(dir, '--cache').hits, 2);
  });

  it('survives a corrupt cache file and rewrites it', () => {
    writeFileSync(join(dir, '.briefmarkcache'), '{"format": 1, "entr');
    const r = check(dir, '--cache');
    assert.equal(r.status, check(dir).status);
    assert.match(r.discarded ?? '', /unreadable/);
    assert.equal(check(dir, '--cache').hits, 2);
  });

  it('--cache-location takes a file or a folder', () => {
    mkdirSync(join(dir, 'cachedir'));
    check(dir, '--cache-location', 'cachedir');
    assert.ok(existsSync(join(dir, 'cachedir', '.briefmarkcache')));
    check(dir, '--cache-location=elsewhere.json');
    assert.ok(existsSync(join(dir, 'elsewhere.json')));
    assert.equal(check(dir, '--cache-location', 'elsewhere.json').hits, 2);
    assert.equal(resolveCacheLocation('/w', 'new/'), '/w/new/.briefmarkcache');
    assert.equal(resolveCacheLocation('/w'), '/w/.briefmarkcache');
  });
});

describe('the check cache', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'briefmark-cache-unit-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('invalidates an entry when a dependency file changes, appears or disappears', () => {
    const file = join(dir, 'cache.json');
    const bib = join(dir, 'refs.bib');
    writeFileSync(bib, '@book{k, title={T}}');
    const put = (deps: string[]) => {
      const c = CheckCache.open<number>(file, 't1');
      c.set('/x.md', 'h', 'e', deps, 42);
      assert.equal(c.save(), undefined);
    };
    const get = () => CheckCache.open<number>(file, 't1').get('/x.md', 'h', 'e');
    put([bib]);
    assert.equal(get(), 42);
    writeFileSync(bib, '@book{k, title={Changed}}');
    assert.equal(get(), undefined);
    put([bib]);
    unlinkSync(bib);
    assert.equal(get(), undefined);
    put([bib]); // recorded as missing
    assert.equal(get(), 42);
    writeFileSync(bib, '@book{k2, title={New}}');
    assert.equal(get(), undefined);
  });

  it('keys on content, environment and tool', () => {
    const file = join(dir, 'cache.json');
    const c = CheckCache.open<string>(file, 'tool-a');
    c.set('/x.md', 'content-1', 'env-1', [], 'r');
    c.save();
    assert.equal(CheckCache.open<string>(file, 'tool-a').get('/x.md', 'content-1', 'env-1'), 'r');
    assert.equal(CheckCache.open<string>(file, 'tool-a').get('/x.md', 'content-2', 'env-1'), undefined);
    assert.equal(CheckCache.open<string>(file, 'tool-a').get('/x.md', 'content-1', 'env-2'), undefined);
    assert.equal(CheckCache.open<string>(file, 'tool-b').get('/x.md', 'content-1', 'env-1'), undefined);
    assert.equal(CheckCache.open<string>(file, 'tool-a').get('/y.md', 'content-1', 'env-1'), undefined);
  });

  it('fingerprints conventions, source documents and the brief path', () => {
    const base = environmentFingerprint(defaultConventions(), new Map(), 'a.md');
    assert.equal(environmentFingerprint(defaultConventions(), new Map(), 'a.md'), base);
    const strict = { ...defaultConventions(), rules: { 'unsourced-claim': 'error' as const } };
    assert.notEqual(environmentFingerprint(strict, new Map(), 'a.md'), base);
    assert.notEqual(environmentFingerprint(defaultConventions(), new Map([['k', { key: 'k', uri: 'file:///s/k.md', text: 'quote' }]]), 'a.md'), base);
    const withDoc = (text: string) => environmentFingerprint(defaultConventions(), new Map([['k', { key: 'k', uri: 'file:///s/k.md', text }]]), 'a.md');
    assert.notEqual(withDoc('quote'), withDoc('quote, edited'));
    assert.notEqual(environmentFingerprint(defaultConventions(), new Map(), 'briefs/a.md'), base);
  });

  it('the tool fingerprint follows the code', () => {
    const code = join(dir, 'cli.js');
    writeFileSync(code, 'one');
    const a = toolFingerprint('0.1.0', code);
    writeFileSync(code, 'two');
    assert.notEqual(toolFingerprint('0.1.0', code), a);
    assert.notEqual(toolFingerprint('0.2.0', code), toolFingerprint('0.1.0', code));
  });
});
