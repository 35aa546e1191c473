// Numbers as every output writes them, the same on every machine whatever its locale: "1,660" in chat,
// the analysis, the chart and the logs; "1660" where a reader copies figures into a spreadsheet (the
// report's Markdown tables, as in the reports we replace, and the terminal's post lines).

export interface CountFormat {
  /** Digits kept after the point (an average of a few posts a day: 0.4 is not 0). Default 0: rounded. */
  decimals?: number;
  /** Thousands separators (default true); false for table cells and the terminal's post lines. */
  grouping?: boolean;
}

const formats = new Map<string, Intl.NumberFormat>();

/** 1660 → "1,660"; (0.44, { decimals: 1 }) → "0.4"; (1660, { grouping: false }) → "1660". */
export function formatCount(value: number, { decimals = 0, grouping = true }: CountFormat = {}): string {
  const key = `${decimals}:${grouping}`;
  let format = formats.get(key);
  if (!format) formats.set(key, (format = new Intl.NumberFormat('en-US', { maximumFractionDigits: decimals, useGrouping: grouping })));
  return format.format(value);
}
