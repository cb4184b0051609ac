import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { parse as parseYaml } from 'yaml';
import { CLI, cleanTemps, ROOT, tempDir } from './helpers';

/** The code blocks of docs/ci.md: language and text. */
function blocks(): Array<{ lang: string; code: string }> {
  const md = readFileSync(join(ROOT, 'docs', 'ci.md'), 'utf8');
  return [...md.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1], code: m[2] }));
}

/** A repository with briefs (one with an error), Briefmark installed as `npx briefmark` finds it, and a `main` branch. */
function repository(): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'package.json'), '{ "name": "briefs", "private": true }\n');
  mkdirSync(join(dir, 'node_modules', '.bin'), { recursive: true });
  const shim = join(dir, 'node_modules', '.bin', 'briefmark');
  writeFileSync(shim, `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
  chmodSync(shim, 0o755);
  writeFileSync(join(dir, '.gitignore'), 'node_modules/\n.briefmarkcache*\n');
  mkdirSync(join(dir, 'briefs'));
  writeFileSync(join(dir, 'briefs', 'a.md'), '---\nbrief: true\n---\n# A\n\n:claim[Exports fell by 4%] in the spring.\n');
  writeFileSync(join(dir, 'briefs', 'b.md'), '---\nbrief: true\n---\n# B\n\n:claim[Prices doubled][@nowhere].\n');
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'briefs');
  return dir;
}

const git = (cwd: string, ...args: string[]) => execFileSync('git', ['-c', 'user.email=t@example.org', '-c', 'user.name=t', ...args], { cwd, encoding: 'utf8', stdio: 'pipe' });

/** Every `npx briefmark …` command of the recipes, as a shell line (GitHub expressions given values). */
function commands(): string[] {
  const out: string[] = [];
  for (const b of blocks()) {
    for (const line of b.code.split('\n')) {
      const m = /(?:run:|^\s*-|^)\s*(npx briefmark .*)$/.exec(line.trim()) ?? /^(npx briefmark .*)$/.exec(line.trim());
      if (!m) continue;
      out.push(m[1].replace(/\$\{\{ matrix\.shard \}\}/g, '2').replace(/\$\{\{ github\.base_ref \}\}/g, 'main').replace(/\\$/, ''));
    }
  }
  return [...new Set(out)];
}

describe('the CI recipes of docs/ci.md, run', function () {
  this.timeout(120_000);
  after(cleanTemps);

  it('every YAML recipe parses', () => {
    const yamls = blocks().filter((b) => b.lang === 'yaml');
    assert.ok(yamls.length >= 5);
    for (const b of yamls) assert.doesNotThrow(() => parseYaml(b.code), b.code.split('\n')[0]);
    const gitlab = parseYaml(yamls.find((b) => b.code.startsWith('# .gitlab-ci.yml'))!.code);
    assert.deepEqual(Object.keys(gitlab.briefs.artifacts.reports), ['codequality', 'junit']);
  });

  it('every `npx briefmark` command of the recipes runs: options known, exit 0 or 1, the files it writes valid', () => {
    const list = commands();
    assert.ok(list.length >= 8, list.join('\n'));
    const dir = repository();
    git(dir, 'checkout', '-qb', 'topic');
    writeFileSync(join(dir, 'briefs', 'a.md'), readFileSync(join(dir, 'briefs', 'a.md'), 'utf8') + '\n:claim[A new claim].\n');
    git(dir, 'remote', 'add', 'origin', dir);
    git(dir, 'fetch', '-q', 'origin');
    for (const command of list) {
      // reviewdog is not installed here: what Briefmark writes into its pipe is what counts.
      const line = command.split(' | reviewdog')[0];
      // The baseline recipe records before it compares.
      if (/--baseline/.test(line) && !/--update-baseline/.test(line) && !existsSync(join(dir, '.briefmark-baseline.json'))) spawnSync('sh', ['-c', 'npx briefmark check --baseline .briefmark-baseline.json --update-baseline'], { cwd: dir });
      const r = spawnSync('sh', ['-c', line], { cwd: dir, encoding: 'utf8', env: { ...process.env, GITHUB_STEP_SUMMARY: join(dir, 'summary.md') } });
      assert.ok(r.status === 0 || r.status === 1, `${line}: exit ${r.status}\n${r.stderr}`);
      assert.doesNotMatch(r.stderr, /Unknown option|Usage:/, line);
    }
    // The files the recipes write are what CI systems read.
    const quality = JSON.parse(readFileSync(join(dir, 'gl-code-quality-report.json'), 'utf8'));
    assert.ok(Array.isArray(quality) && quality.length > 0 && quality.every((i: { fingerprint?: string; location?: { path?: string } }) => i.fingerprint && i.location?.path));
    assert.equal(XMLValidator.validate(readFileSync(join(dir, 'briefmark-junit.xml'), 'utf8')), true);
    const sarif = JSON.parse(readFileSync(join(dir, 'briefmark.sarif'), 'utf8'));
    assert.equal(sarif.version, '2.1.0');
    assert.match(readFileSync(join(dir, 'summary.md'), 'utf8'), /^## Briefmark/m);
  });

  it('the git pre-commit hook blocks a commit with an error and lets a clean one through', () => {
    const hook = blocks().find((b) => b.lang === 'sh' && b.code.startsWith('#!/bin/sh'))!.code;
    const dir = repository();
    const path = join(dir, '.git', 'hooks', 'pre-commit');
    writeFileSync(path, hook);
    chmodSync(path, 0o755);
    writeFileSync(join(dir, 'briefs', 'c.md'), '---\nbrief: true\n---\n# C\n\n:claim[Imports rose][@nowhere].\n');
    git(dir, 'add', 'briefs/c.md');
    const blocked = spawnSync('git', ['-c', 'user.email=t@example.org', '-c', 'user.name=t', 'commit', '-qm', 'c'], { cwd: dir, encoding: 'utf8' });
    assert.equal(blocked.status, 1, blocked.stdout + blocked.stderr);
    assert.match(blocked.stdout + blocked.stderr, /unknown-source/);
    writeFileSync(join(dir, 'briefs', 'c.md'), '---\nbrief: true\n---\n# C\n\nNo claims here yet.\n');
    git(dir, 'add', 'briefs/c.md');
    git(dir, 'commit', '-qm', 'c, clean');
    assert.match(git(dir, 'log', '--oneline'), /c, clean/);
  });
});
