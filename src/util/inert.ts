/** Makes a copy of rendered content inert before it leaves the app (SVG export, the HTML
 *  snapshot): nothing in it can run, fetch or be operated, whatever the names, titles and
 *  notes inside it say. Text stays text: the serialisers escape it. */

const DROP = 'script, iframe, object, embed, link, meta, foreignObject, button, input, select, textarea, audio, video, img, image, animate, set';
const REFERENCE = new Set(['href', 'xlink:href', 'action', 'formaction']);

/** Removes, in place, the elements above, every event attribute, `src`/`srcset`, any link or
 *  reference other than to the same document (`#…`), and styles that load something. */
export function makeInert(root: Element): Element {
  for (const el of root.querySelectorAll(DROP)) el.remove();
  for (const el of root.querySelectorAll('style')) if (/url\s*\(|@import/i.test(el.textContent ?? '')) el.remove();
  for (const el of [root, ...root.querySelectorAll('*')]) {
    for (const attr of [...el.attributes]) {
      const name = attr.name.toLowerCase();
      const value = attr.value.trim().toLowerCase();
      if (name.startsWith('on') || name === 'srcset' || name === 'src') el.removeAttribute(attr.name);
      else if (REFERENCE.has(name) && !value.startsWith('#')) el.removeAttribute(attr.name);
      else if (name === 'style' && /url\s*\(|@import/i.test(value)) el.removeAttribute(attr.name);
    }
  }
  return root;
}
