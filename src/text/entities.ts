// Reddit escapes `&`, `<` and `>` in titles unless asked for raw_json=1, and some clients double-escape.
// We always ask for raw JSON, and still decode what slips through so no entity ever reaches a reader.

const named: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
};

const entity = /&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,8});/gi;

/** Decodes HTML entities (twice at most, for double-escaped `&amp;amp;`). Unknown ones stay as they are. */
export function decodeEntities(text: string): string {
  let decoded = text;
  for (let pass = 0; pass < 2 && decoded.includes('&'); pass++) decoded = decoded.replace(entity, decodeOne);
  return decoded;
}

/**
 * Decodes one level of entities: for HTML that is known to be escaped exactly once (the body of an Atom
 * feed's `<content type="html">`), where a second pass would turn a written "&amp;lt;" into "<".
 */
export function decodeEntitiesOnce(text: string): string {
  return text.includes('&') ? text.replace(entity, decodeOne) : text;
}

function decodeOne(match: string, body: string): string {
  if (body[0] === '#') {
    const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : match;
  }
  return named[body.toLowerCase()] ?? match;
}
