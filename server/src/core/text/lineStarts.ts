import { lineStartsOf, positionIn, type Position } from './lineIndex';

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
    return new LineStarts(Uint32Array.from(lineStartsOf(text)), text.length);
  }

  positionAt(offset: number): Position {
    return positionIn(this.starts, this.length, offset);
  }
}
