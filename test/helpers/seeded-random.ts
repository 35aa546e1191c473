/**
 * A small seeded generator (mulberry32): numbers in [0, 1), the same sequence for the same seed, so a
 * scenario or generated data set can be replayed (the seed is in the test's name).
 */
export function seededRandom(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
