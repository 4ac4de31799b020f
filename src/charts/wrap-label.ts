/** A name in at most two lines of `width` characters, broken between words; only a name that
 *  cannot fit two lines is cut, and then with "…" at the end of the second. */
export function wrapLabel(text: string, width: number): string {
  const w = Math.max(4, Math.floor(width));
  if (text.length <= w) return text;
  const words = text.split(/\s+/);
  const lines: string[] = [''];
  for (const word of words) {
    const line = lines[lines.length - 1]!;
    if (line === '') lines[lines.length - 1] = word;
    else if (line.length + 1 + word.length <= w) lines[lines.length - 1] = `${line} ${word}`;
    else lines.push(word);
  }
  if (lines.length <= 2 && lines.every((l) => l.length <= w)) return lines.join('\n');
  const first = lines[0]!.length <= w ? lines[0]! : lines[0]!.slice(0, w);
  const rest = text.slice(first.length).trim();
  return `${first}\n${rest.length <= w ? rest : `${rest.slice(0, w - 1)}…`}`;
}

/** The narrowest line (in characters) that holds `text` in two lines, uncut. */
export function twoLineWidth(text: string): number {
  for (let w = Math.max(4, Math.ceil(text.length / 2)); w < text.length; w++) if (!wrapLabel(text, w).endsWith('…')) return w;
  return Math.max(4, text.length);
}
