/**
 * `--changed-since REF`: the lines changed since the merge base of REF and HEAD, from git
 * (three-dot semantics: what the branch changed, not what REF gained since). The diff runs
 * from the merge base to the working tree, so in CI (a clean checkout of HEAD) it is
 * exactly `git diff REF...HEAD`, and locally it includes changes not yet committed. New
 * files — added since the merge base, or untracked and not ignored — count whole.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

export interface ChangedLines {
  /** Absolute path → 1-based changed line numbers, or `'all'` for a new file. */
  files: Map<string, Set<number> | 'all'>;
}

function git(cwd: string, args: string[]): { ok: true; out: string } | { ok: false; error: string } {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.error) return { ok: false, error: (r.error as NodeJS.ErrnoException).code === 'ENOENT' ? 'git is not installed' : r.error.message };
  if (r.status !== 0) return { ok: false, error: r.stderr.trim().split('\n')[0] || `git ${args[0]} failed` };
  return { ok: true, out: r.stdout };
}

export function changedLines(cwd: string, ref: string): { ok: true; value: ChangedLines } | { ok: false; error: string } {
  const top = git(cwd, ['rev-parse', '--show-toplevel']);
  if (!top.ok) return { ok: false, error: `--changed-since needs a git repository: ${cwd} is not in one (${top.error})` };
  const root = top.out.trim();
  if (ref.startsWith('-')) return { ok: false, error: `--changed-since: "${ref}" is not a git ref` };
  const verified = git(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  if (!verified.ok) return { ok: false, error: `--changed-since: unknown git ref "${ref}"` };
  const base = git(root, ['merge-base', verified.out.trim(), 'HEAD']);
  if (!base.ok) {
    const shallow = git(root, ['rev-parse', '--is-shallow-repository']);
    if (shallow.ok && shallow.out.trim() === 'true')
      return { ok: false, error: `--changed-since: this is a shallow clone, without the history that joins "${ref}" and HEAD. Fetch more of it (git fetch --unshallow, or git fetch --deepen=100), or check out with the full history (GitHub Actions: actions/checkout with fetch-depth: 0).` };
    return { ok: false, error: `--changed-since: no merge base between "${ref}" and HEAD (${base.error || 'unrelated histories'})` };
  }
  const diff = git(root, ['-c', 'core.quotePath=false', 'diff', '--unified=0', '--no-color', '--no-ext-diff', '--find-renames', base.out.trim(), '--']);
  if (!diff.ok) return { ok: false, error: `--changed-since: git diff failed (${diff.error})` };
  const files = new Map<string, Set<number> | 'all'>();
  let current: string | undefined;
  let isNew = false;
  for (const line of diff.out.split('\n')) {
    if (line.startsWith('diff --git ')) {
      current = undefined;
      isNew = false;
    } else if (line.startsWith('new file mode')) isNew = true;
    else if (line.startsWith('+++ ')) {
      const name = line.slice(4);
      current = name === '/dev/null' ? undefined : resolve(root, unquote(name).replace(/^b\//, ''));
      if (current) files.set(current, isNew ? 'all' : (files.get(current) ?? new Set()));
    } else if (line.startsWith('@@') && current) {
      const m = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
      const lines = files.get(current);
      if (!m || lines === 'all' || !lines) continue;
      const start = Number(m[1]);
      const count = m[2] === undefined ? 1 : Number(m[2]);
      for (let l = start; l < start + count; l++) lines.add(l);
    }
  }
  const untracked = git(root, ['-c', 'core.quotePath=false', 'ls-files', '--others', '--exclude-standard', '-z']);
  if (untracked.ok) for (const name of untracked.out.split('\0')) if (name) files.set(resolve(root, name), 'all');
  return { ok: true, value: { files } };
}

/** A path as git prints it in a diff header: C-quoted when it holds special characters. */
function unquote(name: string): string {
  if (!name.startsWith('"')) return name;
  const bytes: number[] = [];
  const s = name.slice(1, -1);
  for (let i = 0; i < s.length; i++) {
    if (s[i] !== '\\') {
      bytes.push(...Buffer.from(s[i], 'utf8'));
      continue;
    }
    const c = s[++i];
    if (/[0-7]/.test(c)) {
      bytes.push(parseInt(s.slice(i, i + 3), 8));
      i += 2;
    } else bytes.push(({ n: 10, t: 9, '"': 34, '\\': 92 } as Record<string, number>)[c] ?? c.charCodeAt(0));
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Whether a finding spanning 0-based lines `start`..`end` touches a changed line of its file. */
export function touchesChange(lines: Set<number> | 'all' | undefined, start: number, end: number): boolean {
  if (!lines) return false;
  if (lines === 'all') return true;
  for (let l = start + 1; l <= end + 1; l++) if (lines.has(l)) return true;
  return false;
}
