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
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u);
  const tokens: string[] = [];
  for (const word of words) {
    if (word.length < 2 && !/\d/.test(word)) continue;
    if (stopWords.has(word)) continue;
    tokens.push(stem(word));
  }
  return tokens;
}

/** Folds the most common English plural so "agents" finds "agent"; nothing cleverer (no false merges). */
function stem(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us')) return word.slice(0, -1);
  return word;
}
