// A rough token count for budgeting a prompt without a tokenizer (each model has its own): about
// 3 characters a token, on the safe side of English prose's 4, since JSON and post ids count dense.

export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 3);
}
