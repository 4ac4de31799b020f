/** The file being imported, and the one error type every import failure becomes. */
import type { FileSource } from '../engine/engine';
import type { KindProblem } from './file-kind';

export type ImportProblem = KindProblem | 'read-failed' | 'no-columns' | 'cancelled' | 'too-many-columns' | 'no-lines' | 'password' | 'chart-only' | 'damaged-sheet' | 'too-large' | 'append-gone' | 'append-years' | 'append-failed' | 'out-of-memory';

export class ImportError extends Error {
  constructor(
    readonly problem: ImportProblem,
    readonly fileName: string,
    readonly detail = '',
  ) {
    super(`${fileName}: ${problem}${detail ? ` (${detail})` : ''}`);
    this.name = 'ImportError';
  }
}

/** A file to import: a browser File, or bytes with a name (tests, samples fetched by URL). */
export interface ImportSource {
  name: string;
  size: number;
  source: FileSource;
  /** The user's file when this source was derived from it (an Excel sheet as CSV). */
  originalName?: string;
}

export function fromFile(file: File): ImportSource {
  return { name: file.name, size: file.size, source: file };
}

export function fromBytes(name: string, bytes: Uint8Array): ImportSource {
  return { name, size: bytes.byteLength, source: bytes };
}

