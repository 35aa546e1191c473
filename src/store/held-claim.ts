import type { Claims } from './claims.js';

// A claim held for as long as some work runs, however long that is: renewed every third of its TTL. A
// process killed while holding it stops renewing, so the claim passes to the next claimant within one
// TTL, which can therefore be short (a morning post slowed by rate limits, a report build waiting on
// Reddit or the model, both outlive any fixed TTL that is also short enough to take over from a dead owner).

export interface HeldClaim {
  /** Stops renewing (waits for a renewal on its way, so a release after this is not undone by it). */
  stop(): Promise<void>;
}

/** Keeps `owner`'s claim on `key` (already taken) alive until `stop`. */
export function keepClaim(claims: Claims, key: string, owner: string, ttlMs: number): HeldClaim {
  let renewing: Promise<unknown> = Promise.resolve();
  const renewal = setInterval(() => (renewing = claims.claim(key, owner, ttlMs).catch(() => undefined)), Math.max(250, ttlMs / 3));
  renewal.unref();
  return {
    async stop() {
      clearInterval(renewal);
      await renewing;
    },
  };
}
