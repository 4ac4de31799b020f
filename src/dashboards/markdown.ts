/** Notes on dashboards are Markdown. Raw HTML in them is shown as text (markdown-it with
 *  `html: false`), links other than http(s)/mailto are refused, and images are off: a note
 *  can never run script or make the page fetch anything. markdown-it loads on first use. */
import type MarkdownItType from 'markdown-it';
type MarkdownIt = InstanceType<typeof MarkdownItType>;

let parser: Promise<MarkdownIt> | null = null;

const SAFE_LINK = /^(https?:|mailto:|#)/i;

async function load(): Promise<MarkdownIt> {
  const { default: MarkdownItCtor } = await import('markdown-it');
  const md = new MarkdownItCtor({ html: false, linkify: false, typographer: false });
  md.disable(['image']);
  md.validateLink = (url) => SAFE_LINK.test(url.trim());
  return md;
}

export async function renderMarkdown(text: string): Promise<string> {
  parser ??= load();
  return (await parser).render(text);
}
