import { LineCounter } from 'yaml';
import type { Range } from '../yaml/range';

export interface Position {
  /** 0-based line. */
  readonly line: number;
  /** 0-based character in UTF-16 code units, as LSP counts. */
  readonly character: number;
}

/**
 * Converts string offsets to positions for one file's text. Built once per file; lookups are a
 * binary search in yaml's LineCounter, which treats `\r\n` as one line break.
 */
export class LineIndex {
  private readonly counter = new LineCounter();

  constructor(text: string) {
    this.counter.addNewLine(0);
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.counter.addNewLine(i + 1);
  }

  position(offset: number): Position {
    const { line, col } = this.counter.linePos(offset);
    return { line: line - 1, character: col - 1 };
  }

  range(range: Range): { start: Position; end: Position } {
    return { start: this.position(range[0]), end: this.position(range[1]) };
  }
}
