import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { suggestValues } from '../../commands/suggest.js';
import { openHarness, SAMPLE_NOW, type Harness } from './helpers.js';

let h: Harness;
beforeEach(async () => {
  h = await openHarness();
});
afterEach(() => h.close());

describe('suggestValues', () => {
  it('suggests stored report days, newest first, matching what was typed', async () => {
    await h.reports.get({ now: new Date('2026-02-09T08:00:00Z') });
    await h.reports.get({ now: SAMPLE_NOW });
    const context = h.context();
    expect(await suggestValues({ suggest: 'reportDates' }, '', context)).toEqual(['2026-02-11', '2026-02-09']);
    expect(await suggestValues({ suggest: 'reportDates' }, '2026-02-09', context)).toEqual(['2026-02-09']);
  });

  it('suggests configured communities (r/ prefix ignored), else the stored report’s', async () => {
    expect(await suggestValues({ suggest: 'communities' }, 'r/lo', h.context({ services: { ...h.context().services, communities: ['LocalLLaMA', 'LocalLLM', 'Rag'] } }))).toEqual(['LocalLLaMA', 'LocalLLM']);
    await h.reports.get({ now: SAMPLE_NOW });
    expect(await suggestValues({ suggest: 'communities' }, 'sing', h.context())).toEqual(['singularity']);
  });

  it('suggests time zones, at most 25', async () => {
    const zones = await suggestValues({ suggest: 'timeZones' }, 'europe/b', h.context());
    expect(zones).toContain('Europe/Berlin');
    expect((await suggestValues({ suggest: 'timeZones' }, '', h.context())).length).toBe(25);
  });
});
