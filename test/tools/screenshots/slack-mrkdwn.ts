import { escapeHtml, link, safeHref } from './html.js';

// Slack's mrkdwn as the Slack client renders it, into HTML, for the README's picture of a morning post:
// *bold*, _italic_, ~strike~, `code`, <url|text> and <url> links, > quotes, and Slack's three entities
// (&amp; &lt; &gt;) shown as the characters. Any other <...> (a mention, a raw tag) stays text.

/** Slack's entities back to characters (Slack escapes only these three). */
function decode(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** A run of text with no links in it: Slack's emphasis (between word boundaries) and code. */
function emphasis(text: string): string {
  let out = '';
  const re = /(^|[^\w])(\*([^*\n]+?)\*|_([^_\n]+?)_|~([^~\n]+?)~|`([^`\n]+)`)(?=$|[^\w])/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index + m[1]!.length;
    out += escapeHtml(decode(text.slice(last, start)));
    if (m[3] !== undefined) out += `<strong>${emphasis(m[3])}</strong>`;
    else if (m[4] !== undefined) out += `<em>${emphasis(m[4])}</em>`;
    else if (m[5] !== undefined) out += `<s>${emphasis(m[5])}</s>`;
    else out += `<code>${escapeHtml(decode(m[6]!))}</code>`;
    last = m.index + m[0].length;
    re.lastIndex = last;
  }
  return out + escapeHtml(decode(text.slice(last)));
}

/**
 * One line's mrkdwn as HTML. Links are found first, each replaced by a placeholder that emphasis leaves
 * alone, so *<url|title>* is a bold link and a _ inside a URL is not italic.
 */
function line(text: string): string {
  const links: string[] = [];
  const marked = text.replace(/<([^<>|\s]+)(?:\|([^<>]*))?>/g, (whole, url: string, label: string | undefined) => {
    const href = safeHref(decode(url));
    if (!href) return whole;
    links.push(link(href, escapeHtml(decode(label ?? url))));
    return `\u0000${links.length - 1}\u0000`;
  });
  return emphasis(marked).replace(/\u0000(\d+)\u0000/g, (_, n: string) => links[Number(n)]!);
}

/** A mrkdwn text as HTML: lines kept, quoted lines (> or &gt; at the start) as block quotes. */
export function renderSlackMrkdwn(text: string): string {
  const out: string[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; ) {
    if (/^(>|&gt;) ?/.test(lines[i]!)) {
      const quoted: string[] = [];
      for (; i < lines.length && /^(>|&gt;) ?/.test(lines[i]!); i++) quoted.push(line(lines[i]!.replace(/^(>|&gt;) ?/, '')));
      out.push(`<blockquote>${quoted.join('<br>')}</blockquote>`);
    } else {
      const plain: string[] = [];
      for (; i < lines.length && !/^(>|&gt;) ?/.test(lines[i]!); i++) plain.push(line(lines[i]!));
      out.push(plain.join('<br>'));
    }
  }
  return out.join('');
}
