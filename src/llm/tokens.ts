// A rough token count for budgeting a prompt without a tokenizer (each model has its own): about
// 3 characters a token, on the safe side of English prose's 4, since JSON and post ids count dense.

const CHARS_PER_TOKEN = 3;

export function estimateTokens(text: string): number {
  return Math.ceil(text.length / CHARS_PER_TOKEN);
}

/** The most characters `estimateTokens` counts as `tokens` tokens or fewer. */
export function charsForTokens(tokens: number): number {
  return Math.floor(tokens * CHARS_PER_TOKEN);
}
