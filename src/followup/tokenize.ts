// Words for keyword search: lower-cased, accents folded, split on anything that is not a letter or a
// digit, common English words dropped. Deliberately simple: the offline answer only needs "which posts
// talk about the words in this question", and it has to be fast and predictable.

const stopWords = new Set(
  (
    'a an and are as at be been but by can could did do does for from had has have how i if in into is it its ' +
    'me my of on or our so than that the their them then there these they this those to was we were what when ' +
    'where which who whom why will with would you your about any anything people post posts reddit ' +
    'tell show say said think thing things there any some more most much many also just like get got ' +
    'happened happening new news today yesterday week month earlier lately recently'
  ).split(' '),
);

const combining = /[\u0300-\u036f]/g;

export function tokenize(text: string): string[] {
  const words = text
    .normalize('NFKD')
    .replace(combining, '')
    // Composed again: NFKD splits a Hangul syllable into its jamo, which are not words.
    .normalize('NFC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u);
  const tokens: string[] = [];
  for (const word of words) {
    // Chinese, Japanese and Korean write words without spaces, often next to Latin ones ("人们对Seedance说了什么"):
    // each CJK run becomes its character pairs, the usual answer for BM25 without a dictionary.
    for (const part of word.split(cjkRun)) {
      if (!part) continue;
      if (cjkRun.test(part)) tokens.push(...bigrams(part));
      else if (isWord(part)) tokens.push(stem(part));
    }
  }
  return tokens;
}

/**
 * A token worth matching: two characters or more, not a common word, and not a bare one- or two-digit
 * number ("Seedance 2.0" splits into "2" and "0", which would match every post with a version or a count).
 * Longer numbers name things ("RTX 4090", "500 zero-days") and letters with digits stay ("80b", "qwen3").
 */
function isWord(part: string): boolean {
  return part.length >= 2 && !/^\d{1,2}$/.test(part) && !stopWords.has(part);
}

const cjkRun = /([\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u30fc]+)/u;

/** "说了什么" → 说了, 了什, 什么; a single character stands for itself. */
function bigrams(run: string): string[] {
  const chars = [...run];
  if (chars.length === 1) return chars;
  return chars.slice(0, -1).map((c, i) => c + chars[i + 1]);
}

/** Folds the most common English plural so "agents" finds "agent"; nothing cleverer (no false merges). */
function stem(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us')) return word.slice(0, -1);
  return word;
}
