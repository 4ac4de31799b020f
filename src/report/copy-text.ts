/** Sentences as the text a person pastes into a report: one paragraph per sentence. */
import type { Sentence } from './sentence';

export const sentencesText = (list: Sentence[]) => list.map((s) => s.text).join('\n');
