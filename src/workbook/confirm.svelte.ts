/** The question asked before a step that discards work: what the step is, what goes, and
 *  whether it can be undone from *Phiên bản trước*. One question at a time; a new one answers
 *  the open one with "no". */
import type { DiscardStep } from './versions/version-store';
import { formatDateTime } from '../format/number';

/** The names a step's messages are written with (the file, the table, the time…). */
export function stepParams(step: DiscardStep, locale: 'vi' | 'en'): Record<string, string> {
  switch (step.kind) {
    case 'open-file':
      return { file: step.file };
    case 'restore':
      return { time: formatDateTime(step.at, locale) };
    case 'drop-table':
      return { table: step.table };
    case 'remove-page':
      return { page: step.page };
    case 'remove-block':
      return { block: step.block };
  }
}

export interface DiscardQuestion {
  step: DiscardStep;
  /** What will be replaced or deleted, in words (in the interface language). */
  lost: string;
  /** A version is kept first, so the step can be undone from the list. */
  undoable: boolean;
}

class Confirmations {
  open: (DiscardQuestion & { answer: (yes: boolean) => void }) | null = $state.raw(null);

  ask(question: DiscardQuestion): Promise<boolean> {
    this.open?.answer(false);
    return new Promise((resolve) => {
      this.open = {
        ...question,
        answer: (yes) => {
          this.open = null;
          resolve(yes);
        },
      };
    });
  }
}

export const confirmations = new Confirmations();
