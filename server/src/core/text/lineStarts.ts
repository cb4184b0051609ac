import type { Position } from './lineIndex';

/** Anything that turns an offset into a zero-based line and UTF-16 character. */
export interface PositionMapper {
  positionAt(offset: number): Position;
}

/**
 * Only the start offsets of a text's lines: enough to convert offsets to positions for a
 * document whose text is no longer kept (a closed brief in the workspace index).
 */
export class LineStarts implements PositionMapper {
  private constructor(
    private readonly starts: Uint32Array,
    readonly length: number,
  ) {}

  static of(text: string): LineStarts {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      } else if (c === 10) starts.push(i + 1);
    }
    return new LineStarts(Uint32Array.from(starts), text.length);
  }

  positionAt(offset: number): Position {
    offset = Math.max(0, Math.min(offset, this.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - this.starts[lo] };
  }
}
