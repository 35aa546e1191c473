// How much it takes for a post to alert a channel, per level. The level is how many alerts a channel wants:
// `low` only the posts taking off hardest, `high` more of them. The API gives points (so a rate: points per
// hour between two looks); the public feeds give none, only Reddit's own order (so a place in today's top
// of the channel's communities, reached while the post is still young).

export const alertLevels = ['low', 'normal', 'high'] as const;
export type AlertLevel = (typeof alertLevels)[number];

export interface Threshold {
  /** API: points gained per hour, between two looks (or since it was posted, when first seen). */
  pointsPerHour: number;
  /** API: the post has at least this many points. */
  minPoints: number;
  /** Feeds: its place in today's top of the communities, at most this. */
  dayRank: number;
  /** Feeds: posted at most this long ago (a post long on the top list is old news). */
  maxAgeMs: number;
}

const HOUR = 3_600_000;

export const thresholds: Record<AlertLevel, Threshold> = {
  low: { pointsPerHour: 500, minPoints: 1_000, dayRank: 1, maxAgeMs: 4 * HOUR },
  normal: { pointsPerHour: 250, minPoints: 500, dayRank: 2, maxAgeMs: 4 * HOUR },
  high: { pointsPerHour: 100, minPoints: 200, dayRank: 3, maxAgeMs: 6 * HOUR },
};

/** The level's rule in words, for the confirmation and the README. */
export function describeLevel(level: AlertLevel): string {
  const t = thresholds[level];
  return `a post gaining ${t.pointsPerHour} points an hour with at least ${t.minPoints} points (from the public feeds, without numbers: #${t.dayRank === 1 ? '1' : `1–${t.dayRank}`} in today's top, at most ${t.maxAgeMs / HOUR} hours old)`;
}

export function isAlertLevel(value: string): value is AlertLevel {
  return (alertLevels as readonly string[]).includes(value);
}
