import { channelKey, type ChatTarget } from '../chat/target.js';
import type { DeliveryProblem, DeliveryState, Subscription } from '../store/records.js';
import type { Store } from '../store/store.js';
import { addDays } from '../time/local-time.js';
import { deliveryKey, dueOccurrences, nextOccurrence } from '../time/occurrence.js';

// Where every morning post stands, for `ai-trends status`: the subscriptions, the posts due by now
// (done, pending, failed, paused, missed) and the next one of each channel, and the last report built.

export type StatusState = DeliveryState | 'pending' | 'paused';

export interface StatusPost {
  target: ChatTarget;
  reportDate: string;
  dueAt: string;
  /** `pending`: due and not posted yet (posting, retrying, or waiting for the next pass). */
  state: StatusState;
  attempts: number;
  nextAttemptAt?: string;
  recovered?: boolean;
  problem?: DeliveryProblem;
}

export interface DeliveryStatus {
  now: string;
  subscriptions: Array<Subscription & { key: string; nextAt: string }>;
  posts: StatusPost[];
  lastReport?: { date: string; generatedAt: string; analysis: string };
}

/** Looked back this many days for the last report built. */
const REPORT_LOOKBACK_DAYS = 14;

export async function deliveryStatus(store: Store, now: Date): Promise<DeliveryStatus> {
  const subscriptions: DeliveryStatus['subscriptions'] = [];
  const posts: StatusPost[] = [];
  // A page at a time, each page's ledger records in one read.
  for await (const page of store.subscriptions.pages()) {
    const owed = page.filter(({ value }) => value.target.platform !== 'console').flatMap(({ value }) => dueOccurrences(value, now));
    const records = await store.deliveries.getMany(owed.map((o) => deliveryKey(o.subscription.target, o.reportDate)));
    for (const { key, value } of page) subscriptions.push({ ...value, key, nextAt: nextOccurrence(value, now).dueAt.toISOString() });
    owed.forEach((occurrence, i) => {
      const { subscription } = occurrence;
      const record = records[i];
      const state: StatusState = record?.state === 'done' || record?.state === 'missed' || record?.state === 'failed' ? record.state : subscription.paused ? 'paused' : 'pending';
      posts.push({
        target: subscription.target,
        reportDate: occurrence.reportDate,
        dueAt: occurrence.dueAt.toISOString(),
        state,
        attempts: record?.attempts ?? 0,
        ...(record?.nextAttemptAt && state === 'pending' ? { nextAttemptAt: record.nextAttemptAt } : {}),
        ...(record?.recovered ? { recovered: true } : {}),
        ...(record?.problem ? { problem: record.problem } : subscription.paused ? { problem: subscription.paused } : {}),
      });
    });
  }
  let lastReport: DeliveryStatus['lastReport'];
  for (let back = 0; back < REPORT_LOOKBACK_DAYS && !lastReport; back++) {
    const report = await store.reports.get(addDays(now.toISOString().slice(0, 10), -back));
    if (report) lastReport = { date: report.date, generatedAt: report.generatedAt, analysis: report.analysis?.source ?? 'none' };
  }
  return { now: now.toISOString(), subscriptions, posts, lastReport };
}

const where = (target: ChatTarget) => `${target.platform} ${target.workspaceId}/${target.channelId}`;

/** The status for a person: one line per subscription and per post. */
export function renderStatusText(status: DeliveryStatus): string {
  const lines = [`Morning posts at ${status.now}`, ''];
  lines.push(`Subscriptions (${status.subscriptions.length}):`);
  if (status.subscriptions.length === 0) lines.push('  none yet: an admin runs /subscribe in a channel');
  for (const s of status.subscriptions) {
    const paused = s.paused ? `  PAUSED since ${s.paused.reportDate}: ${s.paused.code}${s.paused.hint ? ` (${s.paused.hint})` : ''}` : '';
    lines.push(`  ${where(s.target)}  ${s.time} ${s.timezone}  [${s.sections.join(', ')}]  next ${s.nextAt}${paused}`);
  }
  lines.push('', `Posts due by now (${status.posts.length}):`);
  if (status.posts.length === 0) lines.push('  none');
  for (const p of status.posts) {
    const detail = [
      p.attempts > 1 ? `${p.attempts} attempts` : '',
      p.recovered ? 'recovered after a restart' : '',
      p.nextAttemptAt ? `retry at ${p.nextAttemptAt}` : '',
      p.problem ? `${p.problem.code}: ${p.problem.message}` : '',
    ].filter(Boolean);
    lines.push(`  ${p.state.padEnd(8)} ${where(p.target)}  report ${p.reportDate}, due ${p.dueAt}${detail.length ? `  (${detail.join('; ')})` : ''}`);
  }
  lines.push('', status.lastReport ? `Last report built: ${status.lastReport.date} at ${status.lastReport.generatedAt} (analysis: ${status.lastReport.analysis})` : `Last report built: none in the past ${REPORT_LOOKBACK_DAYS} days`);
  return `${lines.join('\n')}\n`;
}

/** The subscriptions of one workspace that are paused, for the next admin who runs a subscription command there. */
export async function pausedIn(store: Store, platform: ChatTarget['platform'], workspaceId: string): Promise<Subscription[]> {
  return (await store.subscriptions.list({ platform, workspaceId }))
    .map((entry) => entry.value)
    .filter((s) => s.paused)
    .sort((a, b) => channelKey(a.target).localeCompare(channelKey(b.target)));
}
