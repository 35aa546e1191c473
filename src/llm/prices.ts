// USD per million tokens, for the cost estimate shown with each report and answer. Prices change: keep
// this table current, or set ANTHROPIC_PRICES_USD_PER_MTOK ("input,output,cacheWrite,cacheRead").
// Sources (checked 2026-12-02): platform.claude.com model pages for the 5.5 models (Haiku 5.5's two
// prompt-length bands, Opus 5.5 $4/$20, Sonnet 5.5 $2/$10); Sonnet 5.5's cache reads were cut from
// $0.20 to $0.10 on 2026-10-07 (as re-checked against the live pricing page by two price trackers in
// October; older copies of the model page still say $0.20). Cache writes are the 5-minute rate.

export interface ModelPrice {
  input: number;
  output: number;
  cacheWrite: number;
  cacheRead: number;
  /**
   * A dearer band for long prompts: when a request's prompt (input + cache writes + cache reads) is over
   * `overPromptTokens`, every token of that request, output included, is billed at these rates.
   */
  longPrompt?: { overPromptTokens: number; price: Omit<ModelPrice, 'longPrompt'> };
}

const table: Array<[prefix: string, price: ModelPrice]> = [
  ['claude-sonnet-5-5', { input: 2, output: 10, cacheWrite: 2.5, cacheRead: 0.1 }],
  ['claude-sonnet-5', { input: 2, output: 10, cacheWrite: 2.5, cacheRead: 0.2 }],
  ['claude-opus-5-5', { input: 4, output: 20, cacheWrite: 5, cacheRead: 0.2 }],
  ['claude-opus-5', { input: 5, output: 25, cacheWrite: 6.25, cacheRead: 0.5 }],
  [
    'claude-haiku-5-5',
    {
      input: 0.1,
      output: 0.5,
      cacheWrite: 0.125,
      cacheRead: 0.01,
      longPrompt: { overPromptTokens: 100_000, price: { input: 0.5, output: 2.5, cacheWrite: 0.625, cacheRead: 0.05 } },
    },
  ],
  ['claude-haiku-4-5', { input: 1, output: 5, cacheWrite: 1.25, cacheRead: 0.1 }],
  ['claude-sonnet-4', { input: 3, output: 15, cacheWrite: 3.75, cacheRead: 0.3 }],
  ['claude-opus-4', { input: 5, output: 25, cacheWrite: 6.25, cacheRead: 0.5 }],
];

/** The price of `model` (longest matching id prefix wins), or undefined when the table has none. */
export function priceOf(model: string, override?: ModelPrice): ModelPrice | undefined {
  if (override) return override;
  return table.filter(([prefix]) => model.startsWith(prefix)).sort((a, b) => b[0].length - a[0].length)[0]?.[1];
}

/** The rates that apply to one request of `promptTokens` (its long-prompt band when it has one and is over it). */
export function ratesFor(price: ModelPrice, promptTokens: number): Omit<ModelPrice, 'longPrompt'> {
  return price.longPrompt && promptTokens > price.longPrompt.overPromptTokens ? price.longPrompt.price : price;
}

/** One line for an operator whose model has no price: said once instead of a wrong or zero cost. */
export function unknownPriceNote(model: string): string {
  return `no price known for ${model}: cost not estimated (set ANTHROPIC_PRICES_USD_PER_MTOK to have it counted)`;
}

export function parsePriceOverride(value: string): ModelPrice {
  const parts = value.split(',').map((part) => Number(part.trim()));
  if (parts.length !== 4 || parts.some((n) => !Number.isFinite(n) || n < 0)) {
    throw new Error('four non-negative numbers: input,output,cacheWrite,cacheRead (USD per million tokens)');
  }
  const [input, output, cacheWrite, cacheRead] = parts as [number, number, number, number];
  return { input, output, cacheWrite, cacheRead };
}
