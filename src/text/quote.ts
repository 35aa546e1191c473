import { displayText } from './clean.js';
import { truncateVisible } from './visible.js';

// What a user typed, quoted back in a reply ("Unknown section "weak"…"): cleaned like any untrusted
// text (no ping, no control character) and cut, so `/trends today @everyone` or a 10,000-character
// argument can neither ping a channel nor fill it.

export const QUOTE_MAX = 40;

export function quoteInput(value: string, max = QUOTE_MAX): string {
  return truncateVisible(displayText(value), max);
}
