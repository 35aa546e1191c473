// USD per million tokens, for the cost estimate shown with each report and answer. Prices change: keep
// this table current, or set ANTHROPIC_PRICES_USD_PER_MTOK ("input,output,cacheWrite,cacheRead").
// Source: platform.claude.com model pages (November 2026); cache writes are the 5-minute rate.

export interface ModelPrice {
  input: number;
  output: number;
  cacheWrite: number;
  cacheRead: number;
}

const table: Array<[prefix: string, price: ModelPrice]> = [
  ['claude-sonnet-5', { input: 2, output: 10, cacheWrite: 2.5, cacheRead: 0.2 }],
  ['claude-opus-5', { input: 4, output: 20, cacheWrite: 5, cacheRead: 0.2 }],
  ['claude-haiku-4-5', { input: 1, output: 5, cacheWrite: 1.25, cacheRead: 0.1 }],
  ['claude-sonnet-4', { input: 3, output: 15, cacheWrite: 3.75, cacheRead: 0.3 }],
  ['claude-opus-4', { input: 5, output: 25, cacheWrite: 6.25, cacheRead: 0.5 }],
];

/** The price of `model` (longest matching id prefix wins), or undefined when the table has none. */
export function priceOf(model: string, override?: ModelPrice): ModelPrice | undefined {
  if (override) return override;
  return table.filter(([prefix]) => model.startsWith(prefix)).sort((a, b) => b[0].length - a[0].length)[0]?.[1];
}

export function parsePriceOverride(value: string): ModelPrice {
  const parts = value.split(',').map((part) => Number(part.trim()));
  if (parts.length !== 4 || parts.some((n) => !Number.isFinite(n) || n < 0)) {
    throw new Error('four non-negative numbers: input,output,cacheWrite,cacheRead (USD per million tokens)');
  }
  const [input, output, cacheWrite, cacheRead] = parts as [number, number, number, number];
  return { input, output, cacheWrite, cacheRead };
}
