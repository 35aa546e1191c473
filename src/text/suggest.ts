// "Did you mean …?" for values typed by hand: section names, dates, communities, time zones. A typo a
// reader would recognise at a glance (one or two letters off, letters swapped, a prefix) counts as close.

/** Edit distance where swapping two neighbouring letters costs 1 ("todya" → "today"), not 2. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/** How many edits still look like a typo of a word this long: short words allow fewer. */
function allowedEdits(length: number): number {
  if (length <= 3) return 1;
  if (length <= 8) return 2;
  return 3;
}

export interface CloseMatchOptions {
  /** At most this many suggestions (default 3). */
  limit?: number;
  /** Also compare with the part of each candidate after this separator ("Berln" ~ "Europe/Berlin"). */
  lastSegmentAfter?: string;
}

/** Candidates close to `input`, closest first, compared case-insensitively. */
export function closeMatches(input: string, candidates: readonly string[], options: CloseMatchOptions = {}): string[] {
  const typed = input.toLowerCase();
  if (typed === '') return [];
  const scored: Array<{ candidate: string; score: number }> = [];
  for (const candidate of candidates) {
    const forms = [candidate.toLowerCase()];
    if (options.lastSegmentAfter && candidate.includes(options.lastSegmentAfter)) {
      forms.push(candidate.slice(candidate.lastIndexOf(options.lastSegmentAfter) + 1).toLowerCase());
    }
    let best = Infinity;
    for (const form of forms) {
      const distance = editDistance(typed, form);
      if (distance <= allowedEdits(form.length)) best = Math.min(best, distance);
      // "comm" for "communities": a prefix of three or more letters is a clear enough intent.
      else if (typed.length >= 3 && form.startsWith(typed)) best = Math.min(best, 0.5 + (form.length - typed.length) / 100);
    }
    if (best < Infinity) scored.push({ candidate, score: best });
  }
  return scored
    .sort((x, y) => x.score - y.score || x.candidate.localeCompare(y.candidate))
    .slice(0, options.limit ?? 3)
    .map((s) => s.candidate);
}

/** ` Did you mean "week"?` / ` Did you mean "a" or "b"?`, or '' with no suggestion. */
export function didYouMean(suggestions: readonly string[]): string {
  if (suggestions.length === 0) return '';
  const quoted = suggestions.map((s) => `"${s}"`);
  const list = quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
  return ` Did you mean ${list}?`;
}
