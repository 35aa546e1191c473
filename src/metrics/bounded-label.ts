// A label value that comes from outside (a model id as a server names it): Prometheus keeps one series per
// distinct value, for as long as the process lives, so a server naming a new model on every answer, or a
// megabyte of one, would grow /metrics and the scraper's storage without end. Values are cut to a safe
// alphabet and length, and once `max` distinct values are known the rest count as "other".

const UNSAFE = /[^A-Za-z0-9._:/-]/g;
const MAX_CHARS = 64;
export const OTHER = 'other';

export class BoundedLabel {
  private readonly known = new Set<string>();

  constructor(private readonly max = 20) {}

  value(raw: string): string {
    const safe = raw.replace(UNSAFE, '_').slice(0, MAX_CHARS) || 'unknown';
    if (this.known.has(safe)) return safe;
    if (this.known.size >= this.max) return OTHER;
    this.known.add(safe);
    return safe;
  }
}
