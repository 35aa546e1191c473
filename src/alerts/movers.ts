import type { Post } from '../models.js';
import { formatCount } from '../text/count.js';
import { thresholds, type AlertLevel } from './levels.js';

// What a look at Reddit found: posts with how fast they rise, in the numbers the source has. Whether one
// alerts a channel depends on the channel's level (passes), and the alert says why in those numbers.

export type Mover =
  | {
      kind: 'points';
      post: Post;
      /** Points gained per hour between the last two looks (since it was posted, when first seen). */
      pointsPerHour: number;
      /** Points since it was posted, and how long ago that was. */
      points: number;
      ageMs: number;
    }
  | { kind: 'rank'; post: Post; /** Place in today's top of the communities. */ dayRank: number; ageMs: number };

export function passes(mover: Mover, level: AlertLevel): boolean {
  const t = thresholds[level];
  if (mover.kind === 'points') return mover.pointsPerHour >= t.pointsPerHour && mover.points >= t.minPoints;
  return mover.dayRank <= t.dayRank && mover.ageMs <= t.maxAgeMs;
}

/** "2 hours", "40 minutes". */
export function duration(ms: number): string {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  if (minutes < 90) return `${minutes} minute${minutes === 1 ? '' : 's'}`;
  const hours = Math.round(minutes / 60);
  return `${hours} hours`;
}

/** Why it fired: "+1,200 points in 2 hours" or "#2 in today's top, 40 minutes old". */
export function whyItFired(mover: Mover): string {
  if (mover.kind === 'points') return `+${formatCount(mover.points)} points in ${duration(mover.ageMs)} (${formatCount(Math.round(mover.pointsPerHour))} an hour lately)`;
  return `#${mover.dayRank} in today's top, ${duration(mover.ageMs)} old`;
}

/** The stronger of two movers of one post, for ordering a look's alerts (fastest first). */
export function strength(mover: Mover): number {
  return mover.kind === 'points' ? mover.pointsPerHour : 1_000 - mover.dayRank;
}
