/**
 * Glob matching for the conventions' `briefs` list: `**` followed by `/` (any folders,
 * none included), `**` elsewhere (anything, `/` included), `*` (within one path segment),
 * `?` (one character but `/`), and `{a,b}` alternatives. Paths use `/`.
 *
 * Matched by simulating the pattern as an automaton, one step per character of the path,
 * never by backtracking: a regular expression built from `**` repeated ten times took 31 s
 * on a path thirty folders deep, and `*a*a*a*a*b` is exponential in a backtracking engine.
 * Time is at most the path's length times the pattern's.
 */

/** The states of a compiled glob: what each consumes, and where it leads. */
const enum Kind {
  /** Consumes its character. */
  Char,
  /** `?`: consumes one character but `/`. */
  One,
  /** `*`: consumes characters but `/`, or nothing. */
  Segment,
  /** `**` not followed by `/`: consumes anything, or nothing. */
  Anything,
  /** `**​/`: consumes folder names each ended by `/`, or nothing (its folder name is the next state). */
  Folders,
  /** Inside a folder name of the `Folders` state before it: a `/` goes back there. */
  FolderName,
  /** `{a,b}`: goes on to each alternative. */
  Fork,
  /** Consumes nothing (an alternative's end). */
  Pass,
  /** The whole glob matched. */
  Match,
}

interface Automaton {
  kind: Kind[];
  char: string[];
  next: number[];
  alternatives: number[][];
}

const cache = new Map<string, Automaton>();

export function matchesAnyGlob(path: string, globs: string[]): boolean {
  const p = path.replace(/\\/g, '/').replace(/^\.\//, '');
  return globs.some((g) => {
    const glob = g.replace(/^\.\//, '');
    let a = cache.get(glob);
    if (!a) cache.set(glob, (a = compile(glob)));
    return matches(a, p);
  });
}

function compile(glob: string): Automaton {
  const a: Automaton = { kind: [], char: [], next: [], alternatives: [] };
  const add = (kind: Kind, char = ''): number => {
    a.kind.push(kind);
    a.char.push(char);
    a.next.push(a.kind.length);
    a.alternatives.push([]);
    return a.kind.length - 1;
  };
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    const close = c === '{' ? glob.indexOf('}', i) : -1;
    if (c === '*' && glob[i + 1] === '*') {
      i++;
      if (glob[i + 1] === '/') {
        i++;
        const folders = add(Kind.Folders);
        add(Kind.FolderName);
        a.next[folders] = folders + 2;
        a.next[folders + 1] = folders;
      } else add(Kind.Anything);
    } else if (c === '*') add(Kind.Segment);
    else if (c === '?') add(Kind.One);
    else if (close > i) {
      // Alternatives are characters; each ends in a Pass that leads past the last.
      const fork = add(Kind.Fork);
      const ends: number[] = [];
      for (const option of glob.slice(i + 1, close).split(',')) {
        a.alternatives[fork].push(a.kind.length);
        for (const ch of option) add(Kind.Char, ch);
        ends.push(add(Kind.Pass));
      }
      for (const end of ends) a.next[end] = a.kind.length;
      i = close;
    } else add(Kind.Char, c);
  }
  add(Kind.Match);
  return a;
}

/** Whether `path` matches: the set of states, one character at a time. */
function matches(a: Automaton, path: string): boolean {
  const n = a.kind.length;
  let current = new Uint8Array(n);
  let following = new Uint8Array(n);
  const stack: number[] = [];
  /** Enters state `s` and, through what consumes nothing, the states after it. */
  const enter = (states: Uint8Array, s: number) => {
    stack.push(s);
    while (stack.length) {
      const t = stack.pop()!;
      if (states[t]) continue;
      states[t] = 1;
      const k = a.kind[t];
      if (k === Kind.Segment || k === Kind.Anything || k === Kind.Folders || k === Kind.Pass) stack.push(a.next[t]);
      else if (k === Kind.Fork) for (const alt of a.alternatives[t]) stack.push(alt);
    }
  };
  enter(current, 0);
  for (let i = 0; i < path.length; i++) {
    const c = path[i];
    const slash = c === '/';
    following.fill(0);
    let alive = false;
    for (let s = 0; s < n; s++) {
      if (!current[s]) continue;
      let to = -1;
      switch (a.kind[s]) {
        case Kind.Char:
          if (a.char[s] === c) to = a.next[s];
          break;
        case Kind.One:
          if (!slash) to = a.next[s];
          break;
        case Kind.Segment:
          if (!slash) to = s;
          break;
        case Kind.Anything:
          to = s;
          break;
        case Kind.Folders:
          to = slash ? s : s + 1;
          break;
        case Kind.FolderName:
          to = slash ? a.next[s] : s;
          break;
      }
      if (to >= 0) {
        enter(following, to);
        alive = true;
      }
    }
    if (!alive) return false;
    [current, following] = [following, current];
  }
  return current[n - 1] === 1;
}
