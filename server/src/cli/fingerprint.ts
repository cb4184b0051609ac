/**
 * A finding's fingerprint, for baselines and GitLab's Code Quality report: its code, its
 * file (relative to the workspace folder, so that it does not depend on where the command
 * runs) and a hash of the text it covers — the claim's tag, the sentence, the key —
 * normalised (white space collapsed, case folded). No line numbers: an unrelated edit
 * above a finding leaves its fingerprint alone. Two findings with the same fingerprint
 * (the same unknown key cited twice) are told apart by how many there are.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { LineIndex } from '../core/text/lineIndex';
import type { FileDiagnostic } from './checkFile';

export function normaliseForFingerprint(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();
}

export function fingerprint(code: string, path: string, coveredText: string): string {
  return createHash('sha256').update(`${code}\0${path}\0${normaliseForFingerprint(coveredText)}`).digest('hex').slice(0, 32);
}

/** Fingerprints of a file's findings, in order; the file read from `absolute` (unreadable: the message stands for the text). */
export function fingerprintsOf(absolute: string, path: string, diagnostics: FileDiagnostic[]): string[] {
  let lines: LineIndex | undefined;
  let text = '';
  try {
    text = readFileSync(absolute, 'utf8');
    lines = new LineIndex(text);
  } catch {
    lines = undefined;
  }
  return diagnostics.map((d) => {
    const covered = lines ? text.slice(lines.offsetAt(d.range.start), lines.offsetAt(d.range.end)) : '';
    // An empty range (a whole-file finding) is known by its message.
    return fingerprint(d.code, path, covered || d.message);
  });
}
