import type { CommandContext } from '../../commands/index.js';
import type { ChatTarget } from '../../src/chat/target.js';
import type { Analysis } from '../../src/models/analysis.js';
import type { Report } from '../../src/models.js';
import { DailyReports } from '../../src/report/daily.js';
import { sampleSource } from '../../src/report/source.js';
import { openStore, type Store } from '../../src/store/store.js';
import { tempSqliteUrl } from '../helpers/store.js';

// A real SQLite store and the bundled sample: what the commands see in the app, minus Reddit.

export const SAMPLE_NOW = new Date('2026-02-11T08:00:00Z');

export interface Harness {
  storeUrl: string;
  store: Store;
  reports: DailyReports;
  /** A command context in discord G1/C1 as admin U1; target fields may be overridden one by one. */
  context(overrides?: Partial<CommandContext> & Partial<ChatTarget>): CommandContext;
  close(): Promise<void>;
}

export async function openHarness(): Promise<Harness> {
  const storeUrl = tempSqliteUrl('ai-trends-commands-');
  const store = await openStore(storeUrl, 'sample');
  const reports = new DailyReports(store, sampleSource());
  return {
    storeUrl,
    store,
    reports,
    context: ({ platform = 'discord', workspaceId = 'G1', channelId = 'C1', threadId, ...rest } = {}) => ({
      target: { platform, workspaceId, channelId, ...(threadId ? { threadId } : {}) },
      userId: 'U1',
      isAdmin: true,
      now: SAMPLE_NOW,
      services: { reports, store },
      ...rest,
    }),
    close: () => store.close(),
  };
}

/** A hand-written analysis citing real sample posts, plus one id with no citation (must not be linked). */
export function sampleAnalysis(report: Report): Analysis {
  const [first, second] = report.sections.today;
  const local = report.sections.week.find((p) => p.subreddit === 'LocalLLaMA')!;
  const cite = (p: typeof first) => ({ id: p!.id, title: p!.title, subreddit: p!.subreddit, score: p!.score, numComments: p!.numComments, url: p!.url });
  return {
    sections: {
      highlights: [
        {
          theme: 'Video models',
          items: [{ name: 'Seedance 2.0 goes viral', summary: 'Clips spread across the community.', whyItMatters: 'Video generation is mainstream.', postIds: [second!.id, 'ghost1'] }],
        },
      ],
      weekly: {
        persistent: [{ text: 'Open models keep trending.', postIds: [local.id] }],
        emerging: [{ text: 'Video is new this week.', postIds: [second!.id] }],
        fading: [],
      },
      monthly: [{ text: 'Agents dominate the month.', postIds: [] }],
      deepDive: { title: 'The banger tweet', postId: first!.id, body: [{ text: 'Why it resonated.', postIds: [first!.id] }] },
      communityHighlights: {
        communities: [
          { subreddit: 'LocalLLaMA', focus: [{ text: 'Local inference tricks.', postIds: [local.id] }] },
          { subreddit: 'singularity', focus: [{ text: 'Hype and video.', postIds: [first!.id] }] },
        ],
        crossCutting: [{ text: 'Everyone talks about video.', postIds: [] }],
        niche: [],
      },
    },
    citations: { [first!.id]: cite(first), [second!.id]: cite(second), [local.id]: cite(local) },
    model: null,
    usage: null,
    source: 'offline',
    language: 'en',
    hasHistory: false,
  };
}
