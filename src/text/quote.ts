import { displayText } from './clean.js';
import { truncateVisible } from './visible.js';

// What someone else wrote, quoted in our own words: what a user typed, quoted back in a reply ("Unknown
// section "weak"…"), or the reason an upstream gave for a refusal. Cleaned like any untrusted text (no
// ping, no control character, no bare link) and cut, so `/trends today @everyone`, a 10,000-character
// argument or a proxy's "reason" can neither ping a channel, retitle a terminal nor fill either.

export const QUOTE_MAX = 40;

export function quoteInput(value: string, max = QUOTE_MAX): string {
  return truncateVisible(displayText(value), max);
}
