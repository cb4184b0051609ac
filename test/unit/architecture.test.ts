import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from '@babel/parser';

const ROOT = join(__dirname, '..', '..');

function files(dir: string, suffix = '.ts'): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    if (n === '.bin') return [];
    return statSync(p).isDirectory() ? files(p, suffix) : p.endsWith(suffix) ? [p] : [];
  });
}

/** dependency-cruiser with the project's rules, on `globs` under `cwd`: the violations it prints, one per line. */
function cruise(cwd: string, globs: string[]): { status: number | null; violations: string[] } {
  const bin = join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
  const r = spawnSync(process.execPath, [bin, ...globs, '--config', join(ROOT, '.dependency-cruiser.cjs'), '--output-type', 'err'], { cwd, encoding: 'utf8' });
  return { status: r.status, violations: `${r.stdout}${r.stderr}`.split('\n').filter((l) => /^\s*error /.test(l)).map((l) => l.trim().replace(/\s+/g, ' ')) };
}

describe('architecture: the layer rules of .dependency-cruiser.cjs (also `npm run depcruise` in npm test)', function () {
  this.timeout(60_000);
  it('the sources keep every rule', () => {
    const r = cruise(ROOT, ['server/src/**/*.ts', 'client/src/**/*.ts']);
    assert.deepEqual(r.violations, []);
    assert.equal(r.status, 0);
  });

  it('each rule fails on code that breaks it (test/fixtures/architecture)', () => {
    const r = cruise(join(ROOT, 'test', 'fixtures', 'architecture'), ['server/src/**/*.ts']);
    assert.notEqual(r.status, 0);
    const rules = new Set(r.violations.map((v) => v.split(' ')[1].replace(/:$/, '')));
    assert.deepEqual([...rules].sort(), ['core-has-no-io', 'core-no-node-builtins', 'features-not-into-rule-modules', 'no-cycles', 'protocol-only-from-the-edges']);
  });
});

describe('architecture invariants', () => {
  it('the core imports neither vscode, nor the LSP libraries, nor Node built-ins (no I/O)', () => {
    const offenders: string[] = [];
    for (const f of files(join(ROOT, 'server', 'src', 'core'))) {
      const src = readFileSync(f, 'utf8');
      for (const m of src.matchAll(/(?:from|import|require\()\s*['"]([^'"]+)['"]/g)) {
        const mod = m[1];
        if (mod === 'vscode' || mod.startsWith('vscode-languageserver') || mod.startsWith('vscode-jsonrpc') || mod.startsWith('node:') || ['fs', 'path', 'os', 'child_process', 'worker_threads', 'url'].includes(mod))
          offenders.push(`${relative(ROOT, f)} imports ${mod}`);
      }
    }
    assert.deepEqual(offenders, []);
  });

  it('protocol types are produced only in server/src/protocol', () => {
    const offenders = files(join(ROOT, 'server', 'src'))
      .filter((f) => !f.includes(`${join('src', 'protocol')}`) && !f.endsWith('server.ts'))
      .filter((f) => /from 'vscode-languageserver(?:\/node)?'/.test(readFileSync(f, 'utf8')) && /DiagnosticSeverity|SymbolKind/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(ROOT, f));
    assert.deepEqual(offenders, []);
  });

  it('micromark stays on a release without the quadratic list-item slowdown (4.0.3, see docs/performance.md)', () => {
    const copies = files(join(ROOT, 'node_modules'), 'micromark/package.json');
    assert.ok(copies.length > 0, 'micromark is installed');
    for (const p of copies) {
      const version = JSON.parse(readFileSync(p, 'utf8')).version;
      assert.notEqual(version, '4.0.3', `${relative(ROOT, p)}: micromark 4.0.3 copies the whole event list whenever a list item closes`);
    }
  });
});

/** Functions (declarations, expressions, arrows, methods) longer than `limit` lines in a TypeScript source: `name:line (n lines)`. */
function longFunctions(source: string, limit: number): string[] {
  const out: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const n = node as { type?: string; loc?: { start: { line: number }; end: { line: number } }; id?: { name?: string }; key?: { name?: string } };
    if (n.type && /Function|Method$/.test(n.type) && n.loc) {
      const lines = n.loc.end.line - n.loc.start.line + 1;
      if (lines > limit) out.push(`${n.id?.name ?? n.key?.name ?? '(anonymous)'}:${n.loc.start.line} (${lines} lines)`);
    }
    for (const [k, v] of Object.entries(n)) if (k !== 'loc' && k !== 'leadingComments' && k !== 'trailingComments') visit(v);
  };
  visit(parse(source, { sourceType: 'module', plugins: ['typescript'] }).program);
  return out;
}

describe('architecture: short functions in the core', () => {
  it('no function in server/src/core is over 80 lines', () => {
    const offenders = files(join(ROOT, 'server', 'src', 'core')).flatMap((f) => longFunctions(readFileSync(f, 'utf8'), 80).map((x) => `${relative(ROOT, f)} ${x}`));
    assert.deepEqual(offenders, []);
  });

  it('the check sees every kind of function (declaration, arrow, method, generator)', () => {
    const body = Array.from({ length: 80 }, (_, i) => `  x += ${i};`).join('\n');
    const source = [
      `export function declared(x: number): number {\n${body}\n  return x;\n}`,
      `const arrow = (x: number) => {\n${body}\n  return x;\n};`,
      `class C {\n  method(x: number) {\n${body}\n    return x;\n  }\n  *steps(x: number) {\n${body}\n    yield x;\n  }\n}`,
      `function short(x: number) {\n  return x;\n}`,
    ].join('\n');
    assert.deepEqual(longFunctions(source, 80).map((x) => x.split(':')[0]), ['declared', '(anonymous)', 'method', 'steps']);
  });
});
