import { escapeHtml, link, safeHref } from './html.js';

// Discord's Markdown as the Discord client renders it, into HTML, for the README's picture of a morning
// post: headings (#, ##, ###), block quotes (> ), numbered and bulleted lists, **bold**, *italic* and
// _italic_, __underline__, ~~strike~~, `code`, masked links [text](<url>) and bare http(s) URLs as links,
// and backslash escapes shown as the character. Only what the message marks up becomes markup.

/** Inline spans, tried in this order at each position (sticky regexes). */
const INLINE: Array<{ re: RegExp; html: (m: RegExpExecArray) => string | undefined }> = [
  // A backslash before punctuation shows that character as it is.
  { re: /\\([^\w\s])/y, html: (m) => escapeHtml(m[1]!) },
  { re: /\[((?:\\.|[^\]\\])+)\]\(<?([^\s()<>]+)>?\)/y, html: (m) => { const href = safeHref(m[2]!); return href ? link(href, inline(m[1]!)) : undefined; } },
  { re: /<(https?:\/\/[^\s<>]+)>/y, html: (m) => link(safeHref(m[1]!)!, escapeHtml(m[1]!)) },
  { re: /https?:\/\/[^\s<>()]*[^\s<>().,;:!?'"]/y, html: (m) => link(safeHref(m[0])!, escapeHtml(m[0])) },
  { re: /\*\*((?:\\.|[^\\])+?)\*\*/y, html: (m) => `<strong>${inline(m[1]!)}</strong>` },
  { re: /__((?:\\.|[^\\])+?)__/y, html: (m) => `<u>${inline(m[1]!)}</u>` },
  { re: /~~((?:\\.|[^\\])+?)~~/y, html: (m) => `<s>${inline(m[1]!)}</s>` },
  { re: /\*((?:\\.|[^\\*\s])(?:(?:\\.|[^\\*])*?(?:\\.|[^\\*\s]))?)\*/y, html: (m) => `<em>${inline(m[1]!)}</em>` },
  { re: /_((?:\\.|[^\\_])+?)_(?![A-Za-z0-9])/y, html: (m) => `<em>${inline(m[1]!)}</em>` },
  { re: /`([^`]+)`/y, html: (m) => `<code>${escapeHtml(m[1]!)}</code>` },
];

/** One line's inline Markdown as HTML. */
export function inline(text: string): string {
  let out = '';
  let i = 0;
  scan: while (i < text.length) {
    for (const { re, html } of INLINE) {
      // `_italic_` only where a word does not go on before it (snake_case stays text).
      if (re.source.startsWith('_') && i > 0 && /[A-Za-z0-9]/.test(text[i - 1]!)) continue;
      re.lastIndex = i;
      const m = re.exec(text);
      const rendered = m && html(m);
      if (m && rendered !== undefined) {
        out += rendered;
        i += m[0].length;
        continue scan;
      }
    }
    out += escapeHtml(text[i]!);
    i++;
  }
  return out;
}

/** A whole message's Markdown as HTML blocks: headings, quotes, lists and paragraphs. */
export function renderDiscordMarkdown(markdown: string): string {
  const blocks: string[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; ) {
    const line = lines[i]!;
    const heading = /^(#{1,3}) (.*)$/.exec(line);
    if (heading) {
      blocks.push(`<h${heading[1]!.length}>${inline(heading[2]!)}</h${heading[1]!.length}>`);
      i++;
    } else if (/^>>> /.test(line)) {
      // Everything after >>> is quoted.
      blocks.push(`<blockquote>${[line.slice(4), ...lines.slice(i + 1)].map(inline).join('<br>')}</blockquote>`);
      i = lines.length;
    } else if (/^> /.test(line) || line === '>') {
      const quoted: string[] = [];
      for (; i < lines.length && (/^> /.test(lines[i]!) || lines[i] === '>'); i++) quoted.push(lines[i]!.slice(2));
      blocks.push(`<blockquote>${quoted.map(inline).join('<br>')}</blockquote>`);
    } else if (/^\d+\. /.test(line)) {
      const start = Number(/^(\d+)\./.exec(line)![1]);
      const items: string[] = [];
      for (; i < lines.length && /^\d+\. /.test(lines[i]!); i++) items.push(`<li>${inline(lines[i]!.replace(/^\d+\. /, ''))}</li>`);
      blocks.push(`<ol${start === 1 ? '' : ` start="${start}"`}>${items.join('')}</ol>`);
    } else if (/^[-*] /.test(line)) {
      const items: string[] = [];
      for (; i < lines.length && /^[-*] /.test(lines[i]!); i++) items.push(`<li>${inline(lines[i]!.slice(2))}</li>`);
      blocks.push(`<ul>${items.join('')}</ul>`);
    } else if (line.trim() === '') {
      i++;
    } else {
      const para: string[] = [];
      for (; i < lines.length && lines[i]!.trim() !== '' && !/^(#{1,3} |> |>$|>>> |\d+\. |[-*] )/.test(lines[i]!); i++) para.push(inline(lines[i]!));
      blocks.push(`<p>${para.join('<br>')}</p>`);
    }
  }
  return blocks.join('\n');
}
