import { keyStatusIn } from '../semantics/sourcing';
import type { ScopeContext } from './types';

/** Whether a `src` key or citation key names something: a bibliography entry, a source document, a URL, a footnote (even a placeholder). */
export function isKnownSource(ctx: ScopeContext, key: string): boolean {
  return keyStatusIn(ctx, ctx.document.footnotes, key) !== 'unknown';
}
