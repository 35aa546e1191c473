import type { ChartData } from '../analysis/chart-data.js';
import type { ChartPngRenderer } from './chart-png.js';

// The PNGs of the charts an adapter has posted lately, by what they show: every channel of a pass, the
// retries of later passes and /trends the same day all post the same chart, drawn once. Posts asking at
// the same moment share the one drawing under way; a failed drawing is forgotten (the next post tries again).

/** Charts remembered: today's (and yesterday's, around midnight), a few more at most. */
const KEPT = 4;

export class ChartPngs {
  private readonly pngs = new Map<string, Promise<Buffer>>();

  constructor(private readonly render: ChartPngRenderer) {}

  get(chart: ChartData): Promise<Buffer> {
    const key = JSON.stringify(chart);
    let png = this.pngs.get(key);
    if (!png) {
      png = Promise.resolve().then(() => this.render(chart));
      this.pngs.set(key, png);
      png.catch(() => this.pngs.delete(key));
      if (this.pngs.size > KEPT) this.pngs.delete(this.pngs.keys().next().value!);
    }
    return png;
  }
}
