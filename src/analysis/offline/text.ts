import { decodeEntities } from '../../text/entities.js';
import { oneLine } from '../../text/visible.js';
import { formatCount } from '../../text/count.js';

// Wording helpers of the offline analyst. Everything it writes is assembled from post data, so these make
// sure that data reads well and safely: numbers formatted one way everywhere (tests parse them back),
// untrusted titles and bodies stripped of links and mass mentions (links come from citations only, and a
// body's "@everyone" must never ping a Discord channel).

/** 1660 → "1,660" (a fraction is cut, never rounded up into a figure the data does not have). */
export function count(value: number): string {
  return formatCount(Math.trunc(value));
}

/** "1 comment", "260 comments". */
export function plural(value: number, noun: string, pluralNoun = `${noun}s`): string {
  return `${count(value)} ${value === 1 ? noun : pluralNoun}`;
}

/** "a, b and c". */
export function listing(parts: string[]): string {
  if (parts.length <= 1) return parts[0] ?? '';
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

const HOUR_MS = 3_600_000;

/** How long before `generatedAt` a post was created, in words ("5 hours ago", "3 days ago"). */
export function timeAgo(createdAt: string, generatedAt: string): string {
  const hours = Math.floor((Date.parse(generatedAt) - Date.parse(createdAt)) / HOUR_MS);
  if (hours < 1) return 'less than an hour ago';
  if (hours < 48) return `${plural(hours, 'hour')} ago`;
  return `${plural(Math.floor(hours / 24), 'day')} ago`;
}

/**
 * Free text from Reddit made fit to quote: entities decoded, Markdown links reduced to their label, bare
 * links and mass mentions removed, Markdown markers dropped, one line.
 */
export function safeText(text: string): string {
  return oneLine(
    decodeEntities(text)
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
      // A link ends before trailing punctuation, which belongs to the sentence ("see x.org/a, then").
      .replace(/\b(?:https?|ftp):\/\/\S*[^\s.,;:!?)\]'"]/gi, '')
      .replace(/\bwww\.\S*[^\s.,;:!?)\]'"]/gi, '')
      // A bare domain with a path ("example.com/x") is a link too.
      .replace(/\b[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\/(?:\S*[^\s.,;:!?)\]'"])?/gi, '')
      .replace(/@(everyone|here)\b/gi, '$1')
      .replace(/<@[!&]?\d+>/g, '')
      .replace(/^\s{0,3}(?:#{1,6}|>+|[-*+]|\d+[.)])\s+/gm, '')
      .replace(/(\*\*|__|~~|`+)/g, ''),
  )
    .replace(/\(\s*\)/g, '')
    .replace(/\s+([,.;:!?])/g, '$1')
    .trim();
}

/** A title as an item name: tags like "[D]" dropped, a title cut short by the source ends in "…". */
export function cleanTitle(title: string): string {
  let text = safeText(title).replace(/^(?:\[[^\]]{1,12}\]\s*)+/, '');
  // The sample's titles were cut at a fixed width ("Demon Slayer, Dra..."): drop the broken word.
  if (/(\.\.\.|…)$/.test(text)) text = `${text.replace(/(\.\.\.|…)$/, '').replace(/\s*\S*$/, '').replace(/[\s,;:(-]+$/, '')}…`;
  return text || safeText(title) || 'Untitled post';
}

/** Inside our quotation marks, the text's own double quotes become single ones: one quotation stays one. */
function innerQuotes(text: string): string {
  return text.replace(/["“”]/g, "'");
}

/** A title inside a sentence, quoted and kept short. */
export function quoteTitle(title: string, max = 70): string {
  return `"${clipWords(innerQuotes(cleanTitle(title)), max)}"`;
}

/** Cuts at a word boundary before `max` characters, ending in "…" when cut. */
export function clipWords(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.5 ? cut.slice(0, space) : cut).replace(/[\s,;:(-]+$/, '')}…`;
}

/** Abbreviations whose dot ends no sentence ("e.g.", "Dr.", "vs.", "U.S."), lower-cased, without the last dot. */
const abbreviations = new Set(
  'e.g i.e etc vs v cf approx ca dr mr mrs ms prof st jr sr inc ltd co corp no nos fig figs eq vol ed eds al est min max avg dept gen gov sgt u.s u.k u.n e.u a.k.a p.s'.split(' '),
);

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/** Whether a sentence piece ends with an abbreviation or an initial ("J."), so the next piece continues it. */
function endsWithAbbreviation(piece: string): boolean {
  const last = /(?:^|\s|\()([\p{L}.]+)\.\s*$/u.exec(piece)?.[1];
  if (!last) return false;
  return abbreviations.has(last.toLowerCase()) || /^\p{Lu}$/u.test(last);
}

/** ICU ends a sentence at the "?" of a link's query ("a.b?x=1"): a piece that stops mid-link goes on. */
function endsInsideLink(piece: string): boolean {
  return /(?:\b[a-z][a-z0-9+.-]*:\/\/|\bwww\.)\S*$/i.test(piece);
}

/**
 * Sentences of a text, each with its trailing space. Unicode's sentence rules (Intl.Segmenter) already
 * keep "Seedance 2.0", "$3.50" and "v0.9.2" whole; pieces that ICU cuts after an abbreviation followed
 * by a capital ("e.g. Q4", "Dr. Okafor") or at a "?" inside a link are joined back.
 */
export function sentences(text: string): string[] {
  const out: string[] = [];
  for (const { segment } of segmenter.segment(text)) {
    const previous = out.at(-1);
    if (previous !== undefined && (endsWithAbbreviation(previous) || endsInsideLink(previous))) out[out.length - 1] = previous + segment;
    else out.push(segment);
  }
  return out;
}

/**
 * The opening of a body or comment, to be put in quotation marks: whole sentences up to about `max` characters (at least one sentence,
 * clipped if that alone is too long). Empty when nothing quotable is left after cleaning.
 */
export function excerpt(text: string, max: number): string {
  const clean = innerQuotes(safeText(withoutLinkSentences(text)));
  if (!/[\p{L}\p{N}]/u.test(clean)) return '';
  let out = '';
  for (const sentence of sentences(clean)) {
    if (out && (out + sentence).trim().length > max) break;
    out += sentence;
  }
  return clipWords(out.trim(), max);
}

/** The `n`-th of a few ways to say one thing, in turn: a template used for every item reads as a form. */
export function vary(n: number, options: readonly string[]): string {
  return options[n % options.length]!;
}

/** A sentence that says something: the first with a figure, else the first of eight words or more, else the opening. */
export function informativeSentence(text: string, max: number): string {
  const clean = innerQuotes(safeText(withoutLinkSentences(text)));
  const all = sentences(clean);
  const found = all.find((s) => /\d/.test(s)) ?? all.find((s) => s.trim().split(/\s+/).length >= 8);
  return found ? clipWords(found.trim(), max) : excerpt(text, max);
}

/**
 * A sentence that held a bare link reads wrong once the link is cut ("The card is at if you want it."):
 * drop it. A Markdown link keeps its label, so its sentence stays.
 */
function withoutLinkSentences(text: string): string {
  const bareLink = /\b(?:https?|ftp):\/\/|\bwww\./i;
  const kept = sentences(decodeEntities(text)).filter((s) => !bareLink.test(s.replace(/!?\[[^\]]*\]\([^)]*\)/g, '')));
  return kept.length > 0 ? kept.join('') : text;
}
