import { strict as assert } from 'node:assert';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { version } from '../../package.json';
import { expectFixture } from '../unit/helpers/fixtures';
import { cleanTemps, fixtureCopy, runCli, tempDir } from './helpers';

/** The output of `check` on the `basic` fixture, in every format, is compared whole. */
describe('briefmark check: formats (the built CLI on fixture folders)', () => {
  let basic: string;
  before(() => (basic = fixtureCopy('basic')));
  after(cleanTemps);

  it('text: path:line:col severity code message (1-based, sorted by path), then the summary; exit 1 on errors', () => {
    const r = runCli(['check'], basic);
    expectFixture('cli/expected', 'basic.text.txt', r.stdout);
    assert.equal(r.stderr, '');
    assert.equal(r.status, 1);
  });

  it('text is the default format, and `.` is the default path', () => {
    assert.equal(runCli(['check', '.', '--format', 'text'], basic).stdout, runCli(['check'], basic).stdout);
  });

  it('json: exactly the object of spec §9, 0-based lines and UTF-16 characters', () => {
    const r = runCli(['check', '--format', 'json'], basic);
    expectFixture('cli/expected', 'basic.json', r.stdout);
    assert.equal(r.status, 1);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(out), ['files', 'summary']);
    assert.deepEqual(Object.keys(out.summary), ['files', 'errors', 'warnings']);
    for (const f of out.files) {
      assert.deepEqual(Object.keys(f), ['path', 'diagnostics']);
      for (const d of f.diagnostics) assert.deepEqual(Object.keys(d), ['code', 'severity', 'message', 'range']);
    }
    // The same diagnostics as the text format, one off in lines and columns.
    const fromJson = out.files.flatMap((f: any) => f.diagnostics.map((d: any) => `${f.path}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.severity} ${d.code}`));
    const fromText = runCli(['check'], basic).stdout.trim().split('\n').slice(0, -1).map((l) => l.split(' ').slice(0, 3).join(' '));
    assert.deepEqual(fromJson, fromText);
    // Characters count UTF-16 code units: the 🚀 before the duplicate id counts as two.
    const tagged = out.files.find((f: any) => f.path === 'notes/tagged.md');
    const dup = tagged.diagnostics.find((d: any) => d.code === 'duplicate-id');
    const line = readFileSync(join(basic, 'notes/tagged.md'), 'utf8').split('\n')[dup.range.start.line];
    assert.ok(line.slice(dup.range.start.character).startsWith('c1}'), line.slice(dup.range.start.character));
  });

  it('github: one workflow annotation per diagnostic (1-based), info and hints as notices, then the summary', () => {
    const r = runCli(['check', '--format', 'github'], basic);
    expectFixture('cli/expected', 'basic.github.txt', r.stdout);
    assert.equal(r.status, 1);
    for (const line of r.stdout.trim().split('\n').slice(0, -1)) assert.match(line, /^::(error|warning|notice) file=[^,]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=briefmark [a-z-]+::\S/);
  });

  it('sarif: one SARIF 2.1.0 log (validated against the schema in sarif.test.ts)', () => {
    const r = runCli(['check', '--format', 'sarif'], basic);
    expectFixture('cli/expected', 'basic.sarif.json', r.stdout.replace(JSON.stringify(`file://${basic}/`), '"file:///CWD/"'));
    assert.equal(r.status, 1);
  });

  it('lists a file found in a folder only when it is a brief; README.md and plain notes are read but not listed', () => {
    const out = JSON.parse(runCli(['check', '--format', 'json'], basic).stdout);
    assert.deepEqual(
      out.files.map((f: any) => f.path),
      ['briefs/energy.md', 'briefs/outline.md', 'notes/tagged.md', 'report.brief.md'],
    );
  });

  it('lists a file named on the command line even when it is not a brief, with no diagnostics', () => {
    const r = runCli(['check', '--format', 'json', 'README.md', 'notes/plain.md'], basic);
    assert.deepEqual(JSON.parse(r.stdout), {
      files: [
        { path: 'README.md', diagnostics: [] },
        { path: 'notes/plain.md', diagnostics: [] },
      ],
      summary: { files: 2, errors: 0, warnings: 0 },
    });
    assert.equal(r.status, 0);
  });

  it('says in its summary that a named file is not a brief, and why nothing was found in it', () => {
    const r = runCli(['check', 'notes/plain.md'], basic);
    assert.match(r.stdout, /1 file checked: 0 errors.*; 1 named file is not a brief \(no `brief: true`, no match of the `briefs` globs such as \*\.brief\.md, no tag\): nothing is checked in it\n?$/);
    assert.doesNotMatch(runCli(['check', 'report.brief.md'], basic).stdout, /not a brief/);
    assert.equal(r.status, 0);
  });

  it('names each file once, even when named twice or also found in a named folder', () => {
    const out = JSON.parse(runCli(['check', '--format', 'json', 'report.brief.md', '.', './report.brief.md'], basic).stdout);
    assert.deepEqual(
      out.files.map((f: any) => f.path),
      ['briefs/energy.md', 'briefs/outline.md', 'notes/tagged.md', 'report.brief.md'],
    );
  });
});

describe('briefmark check: paths', () => {
  after(cleanTemps);

  it('prints paths relative to the current folder, wherever the files are', () => {
    const basic = fixtureCopy('basic');
    const fromParent = runCli(['check', 'basic/notes'], dirname(basic));
    assert.match(fromParent.stdout, /^basic\/notes\/tagged\.md:3:42 warning unsourced-claim /m);
    const fromNotes = runCli(['check', '../report.brief.md'], join(basic, 'notes'));
    assert.match(fromNotes.stdout, /^\.\.\/report\.brief\.md:3:2 warning unknown-tag /m);
  });

  it('matches the `briefs` globs against paths in the repository (the folder with .git), also from a subfolder', () => {
    // briefs/outline.md has no tag and no front matter: only the `briefs/**/*.md` glob makes it a brief.
    const listed = (r: { stdout: string }) => JSON.parse(r.stdout).files.map((f: any) => f.path);
    const repo = fixtureCopy('basic');
    mkdirSync(join(repo, '.git'));
    assert.ok(listed(runCli(['check', '--format', 'json'], repo)).includes('briefs/outline.md'));
    // From inside briefs/, outline.md is still under briefs/ of the repository.
    assert.deepEqual(listed(runCli(['check', '--format', 'json'], join(repo, 'briefs'))), ['energy.md', 'outline.md']);
    // From outside, the repository named is the root of its own globs.
    assert.ok(listed(runCli(['check', '--format', 'json', 'basic'], dirname(repo))).includes('basic/briefs/outline.md'));
    // Without a repository the current folder is the root: basic/briefs/ does not match briefs/**.
    const plain = fixtureCopy('basic');
    assert.ok(!listed(runCli(['check', '--format', 'json', 'basic'], dirname(plain))).includes('basic/briefs/outline.md'));
    // --root says where the workspace is.
    assert.ok(listed(runCli(['check', '--format', 'json', '--root', 'basic', 'basic'], dirname(plain))).includes('basic/briefs/outline.md'));
  });

  it('skips node_modules and .git, and follows links to folders once', () => {
    const basic = fixtureCopy('basic');
    for (const dir of ['node_modules/dep', '.git/x', 'briefs/node_modules']) {
      mkdirSync(join(basic, dir), { recursive: true });
      writeFileSync(join(basic, dir, 'hidden.brief.md'), ':claim[Never checked] as @nobody said.\n');
    }
    symlinkSync('..', join(basic, 'notes', 'up')); // a loop back to the top folder
    const r = runCli(['check', '--format', 'json'], basic);
    assert.deepEqual(
      JSON.parse(r.stdout).files.map((f: any) => f.path),
      ['briefs/energy.md', 'briefs/outline.md', 'notes/tagged.md', 'report.brief.md'],
    );
    assert.equal(r.stderr, '');
  });

  it('an empty folder: no files, a note on stderr, exit 0, in every format', () => {
    const empty = tempDir();
    const text = runCli(['check'], empty);
    assert.equal(text.stdout, '0 files checked: 0 errors, 0 warnings, 0 info, 0 hints; claims sourced: 0/0\n');
    assert.match(text.stderr, /^briefmark: no briefs found/);
    assert.equal(text.status, 0);
    const json = runCli(['check', '--format', 'json'], empty);
    assert.deepEqual(JSON.parse(json.stdout), { files: [], summary: { files: 0, errors: 0, warnings: 0 } });
    assert.equal(json.status, 0);
    assert.equal(JSON.parse(runCli(['check', '--format', 'sarif'], empty).stdout).runs[0].results.length, 0);
  });
});

describe('briefmark check: unreadable paths (reported on stderr, exit 2, the other files still checked)', () => {
  let basic: string;
  let normal: string;
  before(() => {
    basic = fixtureCopy('basic');
    normal = runCli(['check'], basic).stdout;
  });
  after(cleanTemps);
  const withProblems = (out: string, n: number) => out.replace(/\n$/, `; ${n} path${n === 1 ? '' : 's'} could not be checked\n`);

  it('a path that does not exist', () => {
    const r = runCli(['check', 'missing.md', '.'], basic);
    assert.equal(r.stderr, 'briefmark: missing.md: no such file or folder\n');
    assert.equal(r.stdout, withProblems(normal, 1));
    assert.equal(r.status, 2);
  });

  it('a broken link named like a Markdown file inside a folder, and a link loop named on the command line', () => {
    const dir = fixtureCopy('basic');
    symlinkSync('nowhere.md', join(dir, 'notes', 'gone.md'));
    symlinkSync('loop.md', join(dir, 'loop.md'));
    const r = runCli(['check', '.', 'loop.md'], dir);
    assert.equal(r.stderr, 'briefmark: loop.md: symbolic link loop\nbriefmark: notes/gone.md: broken symbolic link (its target does not exist)\n');
    assert.equal(r.stdout, withProblems(normal, 2));
    assert.equal(r.status, 2);
  });

  it('exit code 2 wins over 1, and the machine formats still hold every other result', () => {
    const r = runCli(['check', '--format', 'json', 'missing.md', '.'], basic);
    assert.equal(r.status, 2);
    assert.equal(JSON.parse(r.stdout).files.length, 4);
    const sarif = JSON.parse(runCli(['check', '--format', 'sarif', 'missing.md', '.'], basic).stdout);
    assert.equal(sarif.runs[0].invocations[0].executionSuccessful, false);
    assert.equal(sarif.runs[0].invocations[0].toolExecutionNotifications[0].message.text, 'missing.md: no such file or folder');
  });

  it('a FIFO or device named on the command line is refused, never read', () => {
    const r = runCli(['check', '/dev/null', 'report.brief.md'], basic);
    assert.equal(r.stderr, `briefmark: ${relative(basic, '/dev/null')}: not a regular file or a folder\n`);
    assert.match(r.stdout, /^1 file checked/m);
    assert.equal(r.status, 2);
  });
});

describe('briefmark check: exit codes and usage', () => {
  after(cleanTemps);

  it('0 when there is no error (a clean brief; warnings alone)', () => {
    const clean = runCli(['check'], fixtureCopy('clean'));
    assert.equal(clean.stdout, '1 file checked: 0 errors, 0 warnings, 0 info, 0 hints; claims sourced: 1/1 (100%)\n');
    assert.equal(clean.status, 0);
    assert.equal(runCli(['check'], fixtureCopy('warnings')).status, 0);
  });

  it('--max-warnings N: 1 when there are more than N warnings', () => {
    const dir = fixtureCopy('warnings');
    const over = runCli(['check', '--max-warnings', '2'], dir);
    assert.equal(over.status, 1);
    assert.equal(over.stderr, 'briefmark: 3 warnings, more than --max-warnings 2\n');
    assert.equal(runCli(['check', '--max-warnings=3'], dir).status, 0);
    assert.equal(runCli(['check', '--max-warnings', '0', '--format', 'json'], fixtureCopy('clean')).status, 0);
  });

  it('2 for usage errors, with the reason and the usage on stderr and nothing on stdout', () => {
    const dir = fixtureCopy('clean');
    const cases: Array<[string[], RegExp]> = [
      [['check', '--format', 'xml'], /Unknown format "xml": use one of text, json, sarif, github, junit, gitlab\./],
      [['check', '--bogus'], /Unknown option '--bogus'/],
      [['check', '--max-warnings', 'many'], /--max-warnings needs a whole number of 0 or more, not "many"/],
      [['check', '--max-warnings', '-1'], /--max-warnings/],
      [['check', '--jobs', '0'], /--jobs needs a whole number of 1 or more, not "0"/],
      [['frobnicate'], /unknown command "frobnicate"/],
      [[], /no command given/],
    ];
    for (const [args, message] of cases) {
      const r = runCli(args, dir);
      assert.equal(r.status, 2, args.join(' '));
      assert.match(r.stderr, message);
      assert.match(r.stderr, /Usage: briefmark/);
      assert.equal(r.stdout, '');
    }
  });

  it('--help and --version print to stdout and exit 0', () => {
    const dir = fixtureCopy('clean');
    const help = runCli(['check', '--help'], dir);
    assert.match(help.stdout, /^Usage: briefmark check \[options\] \[paths…\]/);
    assert.equal(help.status, 0);
    assert.match(runCli(['--help'], dir).stdout, /^ {2}check {12}check briefs/m);
    assert.equal(runCli(['--version'], dir).stdout, `briefmark ${version}\n`);
  });
});

describe('briefmark check: broken shared files', () => {
  after(cleanTemps);

  it('a broken bibliography: its problems on the bibliography file, its readable entries still used, every brief still checked', () => {
    const dir = fixtureCopy('broken-bibliography');
    const r = runCli(['check'], dir);
    expectFixture('cli/expected', 'broken-bibliography.text.txt', r.stdout);
    assert.match(r.stdout, /^sources\/refs\.bib:7:1 error invalid-conventions BibTeX syntax error/m);
    assert.doesNotMatch(r.stdout, /ember/); // the entry after the broken one resolves
    assert.equal(r.stderr, '');
    assert.equal(r.status, 1);
    // Each worker reads the bibliography on its own: it is still listed once, in the same place.
    assert.equal(runCli(['check', '--jobs', '2'], dir).stdout, r.stdout);
  });

  it('a broken conventions file never stops a run: its problems on that file, its valid parts applied, the defaults where it does not parse', () => {
    const dir = fixtureCopy('broken-conventions');
    const r = runCli(['check'], dir);
    expectFixture('cli/expected', 'broken-conventions.text.txt', r.stdout);
    assert.match(r.stdout, /^\.briefmark\.yaml:4:17 error invalid-conventions "loud"/m);
    assert.match(r.stdout, /^policy\.brief\.md:3:1 error unsourced-claim /m); // `unsourced-claim: error` applies
    assert.match(r.stdout, /^sub\/\.briefmark\.yaml:2:1 error invalid-conventions YAML syntax error/m);
    assert.match(r.stdout, /^sub\/other\.brief\.md:3:1 warning unsourced-claim /m); // defaults
    assert.equal(r.stderr, '');
    assert.equal(r.status, 1);
    assert.equal(runCli(['check', '--jobs', '2'], dir).stdout, r.stdout);
    // Named on the command line, a conventions file is validated, not read as Markdown.
    const named = runCli(['check', '.briefmark.yaml'], dir);
    assert.equal(named.stdout.split('\n')[0], r.stdout.split('\n')[0]);
    assert.match(named.stdout, /^1 file checked: 1 error/m);
  });
});
