// Links in a model's free text (follow-up answers and the analysis). The only links either may carry are to
// the posts it was given: a known post's URL (in any of Reddit's spellings) is kept as that post, anything
// else is removed, so a prompt injection in a post cannot make the bot post a phishing link.

/** A piece of model text: plain words, or a link the text contained (with its visible label, if any). */
export type TextPiece = { kind: 'text'; text: string } | { kind: 'link'; url: string; label?: string };

// A bare domain ("evilbare.com", no scheme, no path) is a link where Slack links it. Which words are
// domains is decided by a list of top-level domains, conservative on purpose: the usual ones, the cheap
// ones phishing favours, and country codes, but none that is a common file extension in what models
// write about AI (py md sh rs pt so pl cc zip mov: "train.py", "model.pt", "weights.zip" stay) or an
// English word a missing space would join ("shipped.It", "out.In": it in is to be by do go me us…).
// A top-level domain in mixed case ("out.Today") is a sentence, not a domain. Known cost: "ASP.NET",
// "Character.ai" and "logging.info" are taken for domains and removed from model text.
const BARE_TLDS =
  'com|net|org|info|biz|io|ai|co|app|dev|xyz|tv|gg|ly|gl|ws|site|online|top|shop|store|tech|cloud|live|pro|link|click|win|vip|club|space|website|page|blog|news|email|life|world|today|icu|buzz|cam|uk|de|ru|cn|fr|jp|br|nl|eu|ca|au|ch|se|su|tk|ml|ga|cf|gq';

// One alternation, tried left to right at each position:
//   [label](url)  Markdown link        <url|label> / <url>  Slack and Discord link syntax
//   http(s)://…   bare URL             www.…   and   domain.tld/path   (Slack links those too)
//   domain.tld    a bare domain with a known top-level domain (and an e-mail address at one)
//
// Every repetition that could run on is bounded (a link of 512 characters, 10 labels of 63 in a domain):
// model text is a server's choice, and an unbounded one made "a.a.a.…" cost time quadratic in its length.
const linkPattern = new RegExp(
  [
    /\[([^\]\n]{0,300})\]\(\s{0,20}(\S{1,512}?)\s{0,20}\)/.source,
    /<((?:https?:\/\/|www\.)[^\s|>]{1,512})(?:\|([^>\n]{0,300}))?>/.source,
    /((?:https?:\/\/|www\.)[^\s<>"'`\])]+)/.source,
    /\b((?:[a-z0-9-]{1,63}\.){1,10}[a-z]{2,24}\/[^\s<>"'`\])]*)/.source,
    `\\b((?:[a-z0-9._%+-]{1,64}@)?(?:[a-z0-9-]{1,63}\\.){1,10}(?:${BARE_TLDS}))(?![a-z0-9-]|\\.[a-z0-9])`,
  ].join('|'),
  'gi',
);

/** Splits text into plain runs and the links in it. Trailing sentence punctuation stays text. */
export function splitLinks(text: string): TextPiece[] {
  const pieces: TextPiece[] = [];
  let last = 0;
  for (const match of text.matchAll(linkPattern)) {
    const start = match.index;
    let raw = match[0];
    let piece: TextPiece;
    // "[](url)" is a link too, with no label to keep: left as text it would leave "[]" behind.
    if (match[1] !== undefined) piece = { kind: 'link', url: match[2]!, label: match[1] || undefined };
    else if (match[3] !== undefined) piece = { kind: 'link', url: match[3], label: match[4] || undefined };
    else if (match[7] !== undefined && !isDomainCase(match[7])) continue;
    else {
      const url = (match[5] ?? match[6] ?? match[7])!.replace(/[.,;:!?'"]+$/, '');
      raw = url;
      piece = { kind: 'link', url };
    }
    if (start > last) pieces.push({ kind: 'text', text: text.slice(last, start) });
    pieces.push(piece);
    last = start + raw.length;
  }
  if (last < text.length) pieces.push({ kind: 'text', text: text.slice(last) });
  return pieces;
}

/** A bare domain's top-level domain is written in one case ("evil.com", "EVIL.COM"), not as a word is ("out.Today"). */
function isDomainCase(domain: string): boolean {
  const tld = domain.slice(domain.lastIndexOf('.') + 1);
  return tld === tld.toLowerCase() || tld === tld.toUpperCase();
}

/** The Reddit post id in a post URL (reddit.com/r/x/comments/ID/…, reddit.com/comments/ID, redd.it/ID). */
export function postIdFromUrl(url: string): string | undefined {
  const m = /^(?:https?:\/\/)?(?:[a-z0-9-]+\.)*(?:reddit\.com\/(?:r\/[A-Za-z0-9_]+\/)?comments\/([a-z0-9]+)|redd\.it\/([a-z0-9]+))(?:[/?#]|$)/i.exec(url.trim());
  return (m?.[1] ?? m?.[2])?.toLowerCase();
}

/**
 * Plain text with every link that is not to a known post taken out (labels of Markdown links stay).
 * Used where no structure can carry a link (streamed previews, stored turns); `isKnown` gets a post id.
 */
export function stripUnknownLinks(text: string, isKnown: (postId: string) => boolean): string {
  return joinRemovals(
    splitLinks(text).map((piece) => {
      if (piece.kind === 'text') return piece.text;
      const id = postIdFromUrl(piece.url);
      if (id && isKnown(id)) return piece.label ? `${piece.label} (${piece.url})` : piece.url;
      return piece.label ?? null;
    }),
  );
}

/**
 * Joins text parts where `null` marks a removed link, tidying the joint: no double space or " ." left
 * behind, no "()" or "[]" that held only the link, and no ":" that only introduced it ("(more: link)"
 * becomes "(more)", "Details at: link" becomes "Details at").
 */
export function joinRemovals(parts: Array<string | null>): string {
  let out = '';
  let removed = false;
  for (const part of [...parts, '']) {
    if (part === null) {
      removed = true;
      continue;
    }
    let next = part;
    if (removed) [out, next] = tidyJoint(out, next);
    removed = false;
    out += next;
  }
  return out.replace(/\(\s*\)/g, '');
}

const closers: Record<string, string> = { '(': ')', '[': ']' };

/** The text before and after a removed link, with what only framed the link taken away. */
function tidyJoint(before: string, after: string): [string, string] {
  const opener = /([([])\s*$/.exec(before);
  const closer = opener && new RegExp(`^\\s*\\${closers[opener[1]!]}`).exec(after);
  if (opener && closer) {
    before = before.slice(0, opener.index);
    after = after.slice(closer[0].length);
  }
  if (/^\s*([)\].,;!?]|$)/.test(after)) before = before.replace(/\s*:\s*$/, '');
  if (/[ \t]$/.test(before) && /^([ \t]|[.,;:!?)\]]|$)/.test(after)) before = before.replace(/[ \t]+$/, '');
  return [before, after];
}
