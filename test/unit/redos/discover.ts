import { join, relative, sep } from 'node:path';
import {
  NodeFlags,
  SyntaxKind,
  type CallExpression,
  type Expression,
  type NewExpression,
  type Node,
  type SourceFile,
  type TaggedTemplateExpression,
  type TemplateExpression,
  type VariableDeclaration,
} from 'typescript/unstable/ast';
import { API } from 'typescript/unstable/sync';

/**
 * Finds every regular expression in the TypeScript sources with the TypeScript compiler
 * (the parser of the `typescript` devDependency, through its API): regex literals (AST
 * nodes of kind RegularExpressionLiteral, so a `/` that divides is never mistaken for one)
 * and `new RegExp(…)` / `RegExp(…)` calls. A constructed pattern is folded from the source
 * where it is made of constants: string literals, templates (also `String.raw`), `+`, and
 * `const` names of the same file bound to such values or to a regex literal (`X.source`).
 * A part that depends on run-time values is taken from `substitutions` (a representative
 * value, given by the test with the reason); a part with none is reported as unresolved.
 */

export const ROOT = join(__dirname, '..', '..', '..');

export interface FoundRegex {
  /** Repository-relative path with `/`. */
  file: string;
  line: number;
  /** `literal` for `/…/`, `constructed` for `new RegExp(…)`. */
  kind: 'literal' | 'constructed';
  source: string;
  flags: string;
  /** The source text of the expression (for messages). */
  text: string;
  /** Substitutions used to build a constructed pattern (keys of `substitutions`). */
  substituted: string[];
}

export interface Unresolved {
  file: string;
  line: number;
  /** The source text of the part that could not be folded. */
  expression: string;
  text: string;
}

/** A substitution for a run-time part of a constructed pattern: `${file}: ${expression}`. */
export function substitutionKey(file: string, expression: string): string {
  return `${file}: ${expression.replace(/\s+/g, ' ')}`;
}

export interface Discovery {
  files: string[];
  regexes: FoundRegex[];
  unresolved: Unresolved[];
}

/**
 * `projects` are tsconfig files (repository-relative); only their source files under one
 * of `folders` (repository-relative, `/`) are scanned.
 */
export function discoverRegexes(projects: string[], folders: string[], substitutions: ReadonlyMap<string, string>): Discovery {
  const api = new API({ cwd: ROOT });
  try {
    const snapshot = api.updateSnapshot({ openProjects: projects.map((p) => join(ROOT, p)) });
    const seen = new Set<string>();
    const out: Discovery = { files: [], regexes: [], unresolved: [] };
    for (const project of snapshot.getProjects()) {
      for (const fileName of project.program.getSourceFileNames()) {
        const file = relative(ROOT, fileName).split(sep).join('/');
        if (seen.has(file) || !folders.some((f) => file.startsWith(f.endsWith('/') ? f : f + '/'))) continue;
        if (!file.endsWith('.ts') || file.endsWith('.d.ts')) continue;
        const sf = project.program.getSourceFile(fileName);
        if (!sf) throw new Error(`no source file for ${file}`);
        seen.add(file);
        out.files.push(file);
        scanFile(sf, file, substitutions, out);
      }
    }
    out.files.sort();
    return out;
  } finally {
    api.close();
  }
}

function scanFile(sf: SourceFile, file: string, substitutions: ReadonlyMap<string, string>, out: Discovery): void {
  const consts = constDeclarations(sf);
  const lineOf = (n: Node) => sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;

  const fold = (e: Node, used: string[], missing: Node[], depth = 0): string => {
    if (depth > 20) {
      missing.push(e);
      return '';
    }
    const sub = substitutions.get(substitutionKey(file, e.getText(sf)));
    if (sub !== undefined) {
      used.push(substitutionKey(file, e.getText(sf)));
      return sub;
    }
    switch (e.kind) {
      case SyntaxKind.StringLiteral:
      case SyntaxKind.NoSubstitutionTemplateLiteral:
        return (e as unknown as { text: string }).text;
      case SyntaxKind.ParenthesizedExpression:
        return fold((e as unknown as { expression: Expression }).expression, used, missing, depth + 1);
      case SyntaxKind.BinaryExpression: {
        const b = e as unknown as { left: Expression; right: Expression; operatorToken: Node };
        if (b.operatorToken.kind === SyntaxKind.PlusToken) return fold(b.left, used, missing, depth + 1) + fold(b.right, used, missing, depth + 1);
        break;
      }
      case SyntaxKind.TemplateExpression:
        return foldTemplate(e as TemplateExpression, false, used, missing, depth);
      case SyntaxKind.TaggedTemplateExpression: {
        const t = e as TaggedTemplateExpression;
        if (t.tag.getText(sf) === 'String.raw') {
          const tpl = t.template as Node;
          if (tpl.kind === SyntaxKind.NoSubstitutionTemplateLiteral) return rawOf(tpl, 1, 1);
          return foldTemplate(tpl as TemplateExpression, true, used, missing, depth);
        }
        break;
      }
      case SyntaxKind.Identifier: {
        const init = consts.get(e.getText(sf));
        if (init) return fold(init, used, missing, depth + 1);
        break;
      }
      case SyntaxKind.PropertyAccessExpression: {
        const p = e as unknown as { expression: Expression; name: Node };
        if (p.name.getText(sf) === 'source') {
          const init = p.expression.kind === SyntaxKind.Identifier ? consts.get(p.expression.getText(sf)) : undefined;
          if (init?.kind === SyntaxKind.RegularExpressionLiteral) return splitLiteral(init.getText(sf)).source;
        }
        break;
      }
      case SyntaxKind.RegularExpressionLiteral:
        return splitLiteral(e.getText(sf)).source;
    }
    missing.push(e);
    return '';
  };

  /** The raw text of a template piece, without its delimiters (`` ` ``, `${`, `}`). */
  const rawOf = (piece: Node, open: number, close: number) => {
    const t = piece.getText(sf);
    return t.slice(open, t.length - close);
  };

  const foldTemplate = (t: TemplateExpression, raw: boolean, used: string[], missing: Node[], depth: number): string => {
    const cooked = (n: Node) => (n as unknown as { text: string }).text;
    let s = raw ? rawOf(t.head, 1, 2) : cooked(t.head);
    for (const span of t.templateSpans) {
      s += fold(span.expression, used, missing, depth + 1);
      const lit = span.literal as Node;
      s += raw ? rawOf(lit, 1, lit.kind === SyntaxKind.TemplateTail ? 1 : 2) : cooked(lit);
    }
    return s;
  };

  const visit = (node: Node): void => {
    if (node.kind === SyntaxKind.RegularExpressionLiteral) {
      const text = node.getText(sf);
      out.regexes.push({ file, line: lineOf(node), kind: 'literal', ...splitLiteral(text), text, substituted: [] });
    } else if (node.kind === SyntaxKind.NewExpression || node.kind === SyntaxKind.CallExpression) {
      const call = node as NewExpression | CallExpression;
      const callee = call.expression.getText(sf);
      if (callee === 'RegExp' || callee === 'globalThis.RegExp') {
        const args = call.arguments ?? [];
        const used: string[] = [];
        const missing: Node[] = [];
        let source = '';
        let flags = '';
        if (args.length === 0) missing.push(call);
        else {
          // `new RegExp(/…/g)` or `new RegExp(CONST)` with a regex literal: its flags unless others are given.
          let first = args[0] as Node;
          if (first.kind === SyntaxKind.Identifier && consts.get(first.getText(sf))?.kind === SyntaxKind.RegularExpressionLiteral) first = consts.get(first.getText(sf))!;
          if (first.kind === SyntaxKind.RegularExpressionLiteral) ({ source, flags } = splitLiteral(first.getText(sf)));
          else source = fold(first, used, missing);
          if (args.length > 1) flags = fold(args[1], used, missing);
        }
        const text = node.getText(sf);
        if (missing.length) for (const m of missing) out.unresolved.push({ file, line: lineOf(m), expression: m.getText(sf), text });
        else out.regexes.push({ file, line: lineOf(node), kind: 'constructed', source, flags, text, substituted: used });
      }
    }
    node.forEachChild(visit);
  };
  sf.forEachChild(visit);
}

/** `const NAME = …` anywhere in the file; a name declared twice is left out (ambiguous). */
function constDeclarations(sf: SourceFile): Map<string, Expression> {
  const found = new Map<string, Expression | null>();
  const visit = (node: Node): void => {
    if (node.kind === SyntaxKind.VariableDeclaration) {
      const d = node as VariableDeclaration;
      const list = d.parent as Node;
      const isConst = list.kind === SyntaxKind.VariableDeclarationList && (list.flags & NodeFlags.BlockScoped) === NodeFlags.Const;
      if (d.name.kind === SyntaxKind.Identifier) {
        const name = d.name.getText(sf);
        found.set(name, found.has(name) || !isConst || !d.initializer ? null : d.initializer);
      }
    }
    node.forEachChild(visit);
  };
  sf.forEachChild(visit);
  const out = new Map<string, Expression>();
  for (const [k, v] of found) if (v) out.set(k, v);
  return out;
}

/** `/source/flags` → its parts (the last `/` ends the pattern: flags never contain one). */
export function splitLiteral(text: string): { source: string; flags: string } {
  const end = text.lastIndexOf('/');
  return { source: text.slice(1, end), flags: text.slice(end + 1) };
}
