import type { Movement, MovementVerdict } from '../models/movement.js';
import { entityOf, topicKey, words } from './topics.js';

// One rule for saying a topic moves, shared by the analysis (the week comparison, the day-by-day topics,
// the month), the chart's ▲ marks and what the model is told. A topic is:
//   new      when it has attention now and none at all in the base (nothing to compare with: not "rising");
//   rising   when its attention now is at least RISE times its base, and the base is real;
//   fading   when it is at most FADE times its base (absent now included), and the base is real;
//   steady   otherwise.
// A base is real when it rests on at least MIN_BASE_POSTS posts, holds at least MIN_BASE_SHARE of all the
// attention of its period, and its days were measured (stored), not guessed from the week's top lists.
// Anything thinner says nothing: 106 points against an average of 0 is "new", never "▲ rising".
// And one report never says both: a topic it calls fading on one scale is not called rising or new on
// another (MovementLedger, first verdict wins; the day's scale is asked first).

export type { Movement, MovementVerdict };

export const movementRule = {
  minBasePosts: 2,
  minBaseShare: 0.05,
  rise: 1.5,
  fade: 0.5,
} as const;

export interface MovementMeasure {
  /** Attention in the recent period (today, this week), in the measure's unit (points or posts). */
  recent: number;
  /** Attention per period of the same length in the base (the average day, or week, before). */
  base: number;
  /** Posts the base rests on. */
  basePosts: number;
  /** The topic's share (0 to 1) of all attention in the base periods. */
  baseShare: number;
  /** False when the base periods were not measured (no stored day): only the week's top lists were seen. */
  baseKnown?: boolean;
}

/** What the measure says of the topic; undefined when the base is too thin to say anything. */
export function movementOf(measure: MovementMeasure): Movement | undefined {
  if (measure.baseKnown === false) return undefined;
  if (measure.base <= 0 || measure.basePosts === 0) return measure.recent > 0 ? 'new' : undefined;
  if (measure.basePosts < movementRule.minBasePosts || measure.baseShare < movementRule.minBaseShare) return undefined;
  if (measure.recent >= movementRule.rise * measure.base) return 'rising';
  if (measure.recent <= movementRule.fade * measure.base) return 'fading';
  return 'steady';
}

/** Up (rising or new) and down (fading) contradict each other; steady contradicts nothing. */
function direction(movement: Movement): 'up' | 'down' | 'none' {
  return movement === 'rising' || movement === 'new' ? 'up' : movement === 'fading' ? 'down' : 'none';
}

/**
 * The words a topic is known by, with a company's product names folded into the company ("Opus" is
 * Anthropic): two verdicts are about one topic when they share one of these.
 */
export function movementWords(topic: string): Set<string> {
  return new Set(words(topic).flatMap((word) => {
    const key = topicKey(word.replace(/'s$/, ''));
    return key ? [entityOf(key)] : [];
  }));
}

/** The verdicts of one report, never two contradicting ones for one topic. */
export class MovementLedger {
  private readonly verdicts: Array<MovementVerdict & { words: Set<string> }> = [];

  /** Records the verdict unless one already given contradicts it; returns whether it stands. */
  claim(verdict: MovementVerdict): boolean {
    if (this.contradicts(verdict.topic, verdict.movement)) return false;
    const known = movementWords(verdict.topic);
    if (known.size === 0) return true;
    if (!this.verdicts.some((v) => v.topic === verdict.topic && v.movement === verdict.movement)) this.verdicts.push({ ...verdict, words: known });
    return true;
  }

  /** Whether an earlier verdict on the same topic points the other way. */
  contradicts(topic: string, movement: Movement): boolean {
    const way = direction(movement);
    if (way === 'none') return false;
    const known = movementWords(topic);
    return this.verdicts.some((v) => {
      const other = direction(v.movement);
      return other !== 'none' && other !== way && [...v.words].some((w) => known.has(w));
    });
  }

  entries(): MovementVerdict[] {
    return this.verdicts.map(({ topic, movement, scale }) => ({ topic, movement, scale }));
  }
}

/** A ledger holding `verdicts` already (stored with an analysis), for the chart and other later readers. */
export function ledgerOf(verdicts: readonly MovementVerdict[]): MovementLedger {
  const ledger = new MovementLedger();
  for (const verdict of verdicts) ledger.claim(verdict);
  return ledger;
}
