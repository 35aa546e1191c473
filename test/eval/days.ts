import { createAnalysisStep } from '../../src/analysis/analyze.js';
import { defaultSubreddits } from '../../src/config.js';
import { createPickStep } from '../../src/report/pick-step.js';
import type { Report } from '../../src/models.js';
import { DailyReports } from '../../src/report/daily.js';
import { sampleSource, type PostSource } from '../../src/report/source.js';
import { loadSample } from '../../src/sample/sample.js';
import { loadSyntheticDay } from '../../src/sample/synthetic-day.js';
import type { Store } from '../../src/store/store.js';
import { openTempStore, tempSqliteUrl } from '../helpers/store.js';
import { sampleQuestions, syntheticQuestions, type EvalQuestion } from './questions.js';

// A day to evaluate on: its report built and stored as the bot does (offline analysis included), in a
// real SQLite store of its own, with the questions asked about it.

export interface EvalDay {
  name: string;
  store: Store;
  report: Report;
  /** The instant questions are asked at (an hour after the report). */
  askedAt: Date;
  questions: EvalQuestion[];
  close(): Promise<void>;
}

export async function openSampleDay(): Promise<EvalDay> {
  const sample = loadSample();
  return openDay('sample', sampleSource(), sample.now, sampleQuestions);
}

export async function openSyntheticDay(): Promise<EvalDay> {
  const day = loadSyntheticDay();
  const source: PostSource = { mode: 'sample', collect: async () => ({ posts: day.posts, warnings: [], source: { mode: 'api' as const, numbersMissing: false } }) };
  return openDay('synthetic', source, day.now, syntheticQuestions, async (store) => {
    // Bodies and comments, as enrichment would have cached them that morning.
    for (const details of Object.values(day.details)) await store.postDetails.set(details.id, details);
  });
}

/** The daily build's steps as main.ts wires them without a model: the pick's context, then the offline analysis. */
export function evalSteps(store: Store) {
  return [createPickStep({ reports: store.reports, communities: defaultSubreddits }), createAnalysisStep({ store, settings: { language: 'en', enrichPosts: 15, commentsPerPost: 5 } })];
}

async function openDay(name: string, source: PostSource, now: Date, questions: EvalQuestion[], seed?: (store: Store) => Promise<void>): Promise<EvalDay> {
  const store = await openTempStore('live', tempSqliteUrl(`ai-trends-eval-${name}-`));
  await seed?.(store);
  const reports = new DailyReports(store, source, evalSteps(store));
  const { report } = await reports.get({ now });
  return { name, store, report, askedAt: new Date(now.getTime() + 3_600_000), questions, close: () => store.close() };
}
