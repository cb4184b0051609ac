import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { cleanTemps, runCli, tempDir } from './helpers';

const brief = (title: string, claims: string[]) => ['---', 'brief: true', '---', `# ${title}`, '', ...claims.flatMap((c) => [`:claim[${c}].`, '']), ''].join('\n');

/** A folder of briefs with unsourced claims (warnings), one with an unknown key (error). */
function corpus(n = 6): string {
  const dir = tempDir();
  mkdirSync(join(dir, 'briefs'));
  for (let i = 0; i < n; i++) writeFileSync(join(dir, 'briefs', `b${i}.md`), brief(`Brief ${i}`, [`Exports fell by ${i}%`, `Imports rose in ${2000 + i}`]));
  writeFileSync(join(dir, 'briefs', 'keys.md'), ['---', 'brief: true', '---', '# K', '', ':claim[Prices doubled][@nowhere].', ''].join('\n'));
  return dir;
}

const findings = (text: string) => text.split('\n').filter((l) => /^\S+:\d+:\d+ /.test(l));

describe('briefmark check in CI: formats, shards, changed lines, baselines', () => {
  after(cleanTemps);

  it('--format junit: JUnit XML with a test suite per file and a failure per error or warning (junit-4.xsd rules)', () => {
    const dir = corpus(2);
    writeFileSync(join(dir, 'briefs', 'clean.md'), ['---', 'brief: true', '---', '# C', '', 'Nothing <claimed> & "quoted".', ''].join('\n'));
    const r = runCli(['check', '--format', 'junit'], dir);
    assert.equal(r.status, 1, r.stderr);
    assert.equal(XMLValidator.validate(r.stdout), true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testsuite', 'testcase', 'failure'].includes(name) }).parse(r.stdout);
    const root = doc.testsuites;
    const suites = root.testsuite as Array<Record<string, any>>;
    assert.deepEqual(suites.map((s) => s.name), ['briefs/b0.md', 'briefs/b1.md', 'briefs/clean.md', 'briefs/keys.md']);
    let tests = 0;
    let failures = 0;
    for (const s of suites) {
      // junit-4.xsd: testsuite needs name and tests; testcase needs name and classname; failure's message and type are attributes.
      assert.ok(s.name && s.tests !== undefined, 'testsuite@name, @tests');
      assert.equal(Number(s.tests), s.testcase.length);
      const f = s.testcase.filter((c: any) => c.failure).length;
      assert.equal(Number(s.failures), f);
      for (const c of s.testcase) {
        assert.ok(c.name && c.classname === s.name, 'testcase@name, @classname');
        for (const fail of c.failure ?? []) assert.ok(fail.message && fail.type, 'failure@message, @type');
      }
      tests += s.testcase.length;
      failures += f;
    }
    assert.equal(Number(root.tests), tests);
    assert.equal(Number(root.failures), failures);
    assert.equal(failures, 5, '2 + 2 unsourced claims, 1 unknown key');
    assert.equal(suites[2].testcase[0].name, 'no findings');
  });

  it('--format gitlab: a Code Quality report as GitLab documents it, fingerprints unique and stable across unrelated edits', () => {
    const dir = corpus(2);
    // GitLab's Code Quality report format (docs.gitlab.com, "Code Quality report format"), as a schema.
    const schema = {
      type: 'array',
      items: {
        type: 'object',
        required: ['description', 'check_name', 'fingerprint', 'severity', 'location'],
        properties: {
          description: { type: 'string', minLength: 1 },
          check_name: { type: 'string', minLength: 1 },
          fingerprint: { type: 'string', minLength: 1 },
          severity: { enum: ['info', 'minor', 'major', 'critical', 'blocker'] },
          location: {
            type: 'object',
            required: ['path', 'lines'],
            properties: { path: { type: 'string', minLength: 1 }, lines: { type: 'object', required: ['begin'], properties: { begin: { type: 'integer', minimum: 1 } } } },
          },
        },
      },
    };
    const validate = new Ajv2020({ strict: false }).compile(schema);
    const r = runCli(['check', '--format', 'gitlab'], dir);
    const issues = JSON.parse(r.stdout) as any[];
    assert.ok(validate(issues), JSON.stringify(validate.errors));
    assert.equal(issues.length, 5);
    assert.equal(new Set(issues.map((i: any) => i.fingerprint)).size, issues.length);
    assert.deepEqual(issues.filter((i: any) => i.severity === 'major').map((i: any) => i.check_name), ['unknown-source']);
    // An edit above the findings moves their lines, not their fingerprints.
    const file = join(dir, 'briefs', 'b0.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('# Brief 0', '# Brief 0\n\nAn introduction.\n\nAnother paragraph.'));
    const again = JSON.parse(runCli(['check', '--format', 'gitlab'], dir).stdout);
    assert.deepEqual(again.map((i: any) => i.fingerprint), issues.map((i: any) => i.fingerprint));
    assert.notDeepEqual(again.map((i: any) => i.location.lines.begin), issues.map((i: any) => i.location.lines.begin));
  });

  it('--shard i/n: every file in exactly one shard, the union of the shards is the whole run, the same split every time', () => {
    const dir = corpus(12);
    const whole = findings(runCli(['check'], dir).stdout).sort();
    const shards = [1, 2, 3].map((i) => findings(runCli(['check', '--shard', `${i}/3`], dir).stdout));
    assert.deepEqual(shards.flat().sort(), whole);
    assert.ok(shards.every((s) => s.length > 0), 'each shard has work');
    assert.deepEqual(findings(runCli(['check', '--shard', '2/3'], dir).stdout), shards[1]);
    for (const bad of ['0/3', '4/3', '3', 'a/b']) {
      const r = runCli(['check', '--shard', bad], dir);
      assert.equal(r.status, 2, bad);
      assert.match(r.stderr, /--shard needs i\/n/);
    }
  });

  it('--changed-since REF: findings on lines changed since the merge base, whole new files; clear errors', () => {
    const dir = corpus(2);
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=t@example.org', '-c', 'user.name=t', ...args], { cwd: dir, encoding: 'utf8', stdio: 'pipe' });
    git('init', '-q', '-b', 'main');
    git('add', '-A');
    git('commit', '-qm', 'base');
    git('checkout', '-qb', 'topic');
    // On the branch: a claim added at the end of b0 (committed), b1 edited above its claims (uncommitted), a new brief (untracked).
    appendFileSync(join(dir, 'briefs', 'b0.md'), ':claim[A new claim on the branch].\n');
    git('commit', '-qam', 'a claim');
    const b1 = join(dir, 'briefs', 'b1.md');
    writeFileSync(b1, readFileSync(b1, 'utf8').replace('# Brief 1', '# Brief 1, retitled'));
    writeFileSync(join(dir, 'briefs', 'new.md'), brief('New', ['A claim in a new file']));
    // main moves on meanwhile: what main gained is not the branch's change (three dots).
    git('checkout', '-q', 'main');
    writeFileSync(join(dir, 'briefs', 'keys.md'), readFileSync(join(dir, 'briefs', 'keys.md'), 'utf8') + '\n:claim[Added on main].\n');
    git('commit', '-qam', 'main moves');
    git('checkout', '-q', 'topic');
    const r = runCli(['check', '--changed-since', 'main'], dir);
    assert.deepEqual(
      findings(r.stdout).map((l) => l.split(' ').slice(0, 3).join(' ')),
      ['briefs/b0.md:10:1 warning unsourced-claim', 'briefs/new.md:6:1 warning unsourced-claim'],
    );
    // From another folder, naming the repository's folder.
    assert.equal(findings(runCli(['check', join(dir, 'briefs'), '--changed-since', 'main'], tempDir()).stdout).length, 2);
    const unknown = runCli(['check', '--changed-since', 'no-such-branch'], dir);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /unknown git ref "no-such-branch"/);
    // A shallow clone (as CI checks out by default) lacks the merge base: say how to fetch it.
    const shallow = join(tempDir(), 'shallow');
    git('checkout', '-q', 'main');
    git('commit', '-q', '--allow-empty', '-m', 'main again');
    execFileSync('git', ['clone', '-q', '--depth', '1', '--branch', 'topic', `file://${dir}`, shallow], { stdio: 'pipe' });
    execFileSync('git', ['fetch', '-q', '--depth', '1', 'origin', 'main:main'], { cwd: shallow, stdio: 'pipe' });
    const cut = runCli(['check', '--changed-since', 'main'], shallow);
    assert.equal(cut.status, 2, cut.stdout);
    assert.match(cut.stderr, /this is a shallow clone.*git fetch --unshallow.*fetch-depth: 0/);
    const outside = runCli(['check', '--changed-since', 'main'], corpus(1));
    assert.equal(outside.status, 2);
    assert.match(outside.stderr, /--changed-since needs a git repository/);
  });

  it('--baseline and --update-baseline: recorded findings hidden, unrelated edits do not bring them back, fixed ones pruned and counted', () => {
    const dir = corpus(2);
    assert.equal(runCli(['check', '--update-baseline'], dir).status, 2);
    const missing = runCli(['check', '--baseline', 'none.json'], dir);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /cannot read the baseline/);
    const up = runCli(['check', '--baseline', '.briefmark-baseline.json', '--update-baseline'], dir);
    assert.equal(up.status, 0, up.stderr);
    assert.match(up.stderr, /5 findings recorded, 0 fixed since pruned/);
    const data = JSON.parse(readFileSync(join(dir, '.briefmark-baseline.json'), 'utf8'));
    assert.equal(Object.keys(data.findings).length, 5);
    assert.ok(!/"line"/.test(JSON.stringify(data)), 'no line numbers');
    // Unrelated edits above; one finding fixed; one new; a second copy of a recorded finding.
    const b0 = join(dir, 'briefs', 'b0.md');
    writeFileSync(b0, readFileSync(b0, 'utf8').replace('# Brief 0', '# Brief 0\n\nMore context here.').replace(':claim[Imports rose in 2000].', ':claim[Imports rose in 2000][@nowhere2].'));
    const b1 = join(dir, 'briefs', 'b1.md');
    writeFileSync(b1, readFileSync(b1, 'utf8') + ':claim[A brand new claim].\n\n:claim[Exports fell by 1%].\n');
    const r = runCli(['check', '--baseline', '.briefmark-baseline.json'], dir);
    assert.deepEqual(
      findings(r.stdout).map((l) => l.split(' ').slice(0, 3).join(' ')),
      ['briefs/b0.md:10:31 error unknown-source', 'briefs/b1.md:10:1 warning unsourced-claim', 'briefs/b1.md:12:1 warning unsourced-claim'],
    );
    assert.match(r.stdout, /baseline: 4 hidden, 1 fixed since/);
    assert.equal(r.status, 1);
    runCli(['check', '--baseline', '.briefmark-baseline.json', '--update-baseline'], dir);
    const pruned = JSON.parse(readFileSync(join(dir, '.briefmark-baseline.json'), 'utf8'));
    assert.equal(Object.values(pruned.findings).reduce((n: number, e: any) => n + e.count, 0), 7);
    // A baseline of another version hides nothing by mistake: it is refused.
    writeFileSync(join(dir, 'v2.json'), JSON.stringify({ version: 2, tool: 'briefmark', findings: data.findings }));
    const v2 = runCli(['check', '--baseline', 'v2.json'], dir);
    assert.equal(v2.status, 2);
    assert.match(v2.stderr, /v2\.json is not a Briefmark baseline \(version 1\)/);
    assert.equal(v2.stdout.trim().split('\n').filter((l) => /^\S+:\d+:\d+ /.test(l)).length, 0);
    writeFileSync(join(dir, 'bad.json'), '{ not json');
    const bad = runCli(['check', '--baseline', 'bad.json'], dir);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /bad\.json is not valid JSON/);
  });

  it('--format github: at most 10 annotations of each kind, the rest as plain lines and in $GITHUB_STEP_SUMMARY', () => {
    const dir = corpus(8);
    const summary = join(tempDir(), 'summary.md');
    const r = runCli(['check', '--format', 'github'], dir, { GITHUB_STEP_SUMMARY: summary });
    const lines = r.stdout.split('\n');
    assert.equal(lines.filter((l) => l.startsWith('::warning ')).length, 10);
    assert.equal(lines.filter((l) => l.startsWith('::error ')).length, 1);
    assert.equal(findings(r.stdout).length, 6, '16 warnings: 10 annotated, 6 as plain lines');
    assert.match(r.stdout, /6 more findings than GitHub shows as annotations/);
    assert.ok(existsSync(summary));
    const md = readFileSync(summary, 'utf8');
    assert.equal(md.split('\n').filter((l) => /^\| briefs\//.test(l)).length, 17);
    assert.match(md, /^## Briefmark$/m);
  });
});
