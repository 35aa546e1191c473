import { afterEach, describe, expect, it } from 'vitest';
import { createAnalysisStep } from '../../src/analysis/analyze.js';
import { createClaude } from '../../src/llm/claude.js';
import { countBuiltReports } from '../../src/report/count-step.js';
import { PrometheusMetrics } from '../../src/metrics/prometheus.js';
import { describeViewCosts, viewCosts } from '../../src/report/view-costs.js';
import { morningReply } from '../../src/reply/report.js';
import { createLogger } from '../../src/log.js';
import { DailyReports } from '../../src/report/daily.js';
import { redditSource } from '../../src/report/source.js';
import { communitiesWanted, viewKey, viewReportKey } from '../../src/report/view.js';
import { deliveryPass } from '../../src/schedule/pass.js';
import type { Store } from '../../src/store/store.js';
import { openTempStore, tempSqliteUrl } from '../helpers/store.js';
import { startFakeAnthropic, type FakeAnthropic, type RecordedMessageRequest, type ScriptedReply } from '../fakes/anthropic.js';
import { loadSamplePosts, startFakeReddit, type FakeReddit } from '../fakes/reddit.js';
import { sendSlashCommand } from '../fakes/slack/signing.js';
import { clientFor } from '../reddit/helpers.js';
import { startHarness, type DiscordHarness } from '../adapters/discord/harness.js';
import { SECRET, startSlackHarness, type SlackHarness } from '../adapters/slack/harness.js';
import { makeFollowUps } from '../followup/helpers.js';
import { samplePassDeps, subscribeChannels } from '../helpers/morning.js';

// Issue 20, one collection and many views: channels with different settings get different posts from the
// day's one Reddit collection; equal views share one report and one analysis; a language view asks the model
// for that language and its analysis stays grounded. Real discord.js and Bolt clients against the fakes.

const COMMUNITIES = ['singularity', 'LocalLLaMA', 'AI_Agents', 'LocalLLM', 'MachineLearning', 'Rag', 'datascience'];
const NOW = new Date('2026-02-11T08:00:30Z');
const sample = loadSamplePosts();
const sampleIds = sample.posts.map((p) => p.id);
const subredditOf = new Map(sample.posts.map((p) => [p.id, p.subreddit]));

const stops: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

/** The fake model: an analysis citing the first post its prompt holds, with a made-up number and an outside link. */
function analysisFor(request: RecordedMessageRequest): ScriptedReply {
  const text = JSON.stringify(request.body.messages);
  const ids = sampleIds.filter((id) => text.includes(id));
  const id = ids[0]!;
  const sections = {
    highlights: [{ theme: 'Tema', items: [{ name: 'Destaque', summary: 'Um post com 987,654 pontos, veja https://evil.example/x', whyItMatters: 'Importa.', postIds: [id] }] }],
    weekly: { persistent: [], emerging: [], fading: [] },
    monthly: [],
    deepDive: { title: 'Mergulho', postId: id, body: [{ text: 'Detalhes.', postIds: [id] }] },
    communityHighlights: { communities: [{ subreddit: subredditOf.get(id)!, focus: [{ text: 'Foco.', postIds: [id] }] }], crossCutting: [], niche: [] },
  };
  return { kind: 'message', content: [{ type: 'text', text: JSON.stringify(sections) }] };
}

interface Day {
  reddit: FakeReddit;
  anthropic: FakeAnthropic;
  reports: DailyReports;
  /** Requests the model was asked for an analysis. */
  analyses(): RecordedMessageRequest[];
}

async function day(store: Store, maxViews = 20, metrics?: PrometheusMetrics, options: { communities?: string[]; dayCommunities?: string[] } = {}): Promise<Day> {
  const reddit = await startFakeReddit({ posts: sample.posts, now: sample.now, rateLimit: { limit: 10_000, windowSeconds: 600 } });
  stops.push(() => reddit.close());
  const anthropic = await startFakeAnthropic();
  stops.push(() => anthropic.close());
  anthropic.setDefault({ kind: 'handler', handle: analysisFor });
  const claude = createClaude({ apiKey: 'test-key', baseURL: anthropic.baseURL, model: 'claude-sonnet-5-5', timeoutMs: 5_000, maxRetries: 0 });
  const client = clientFor(reddit, { sleep: () => Promise.resolve() });
  const steps = [createAnalysisStep({ store, claude, settings: { language: 'en', enrichPosts: 0, commentsPerPost: 0 } }), ...(metrics ? [countBuiltReports(metrics, { provider: 'anthropic', model: 'claude-sonnet-5-5' })] : [])];
  const reports = new DailyReports(store, redditSource(client, options.communities ?? COMMUNITIES, store.subreddits, 3), steps, {}, undefined, undefined, { maxViews, dayCommunities: options.dayCommunities });
  return { reddit, anthropic, reports, analyses: () => anthropic.requests.filter((r) => r.path === '/v1/messages') };
}

async function tempStore(): Promise<Store> {
  const store = await openTempStore('live', tempSqliteUrl('ai-trends-views-'));
  stops.push(() => store.close());
  return store;
}

const slackText = (h: SlackHarness, channel: string) => JSON.stringify(h.slack.messages(channel));

describe('one collection, many views', () => {
  it('two channels with different views get different posts from one collection; equal views share one analysis', async () => {
    // What one collection of the day costs, alone.
    const alone = await day(await tempStore());
    await alone.reports.get({ now: NOW });
    const oneCollection = alone.reddit.requests.length;
    expect(oneCollection).toBeGreaterThan(0);

    const discord = await startHarness();
    stops.push(() => discord.stop());
    const slack = await startSlackHarness();
    stops.push(() => slack.stop());
    // Both platforms' posts on one store, one pass each, as a process with both would do.
    const store = discord.store;
    const today = await day(store);
    const local = { communities: ['LocalLLaMA', 'LocalLLM'] };
    const research = { communities: ['MachineLearning', 'singularity'], topics: ['+research', '-video'] };
    await subscribeChannels(store, 'discord', discord.fake.guildId, [discord.fake.channelId], { sections: ['summary', 'communities'], ...local });
    await subscribeChannels(store, 'slack', slack.slack.teamId, ['CLOCAL'], { sections: ['summary', 'communities'], ...local });
    await subscribeChannels(store, 'slack', slack.slack.teamId, ['CRESEARCH'], { sections: ['summary', 'communities'], ...research });
    await subscribeChannels(store, 'slack', slack.slack.teamId, ['CALL'], { sections: ['summary', 'communities'] });
    const log = createLogger('silent');
    const followUps = makeFollowUps({ store });
    const deps = samplePassDeps({ store, reports: today.reports, chats: { discord: discord.bot.chat, slack: slack.bot.chat }, followUps, log });
    const items = await deliveryPass(deps, { now: NOW });
    expect(items.map((i) => i.outcome)).toEqual(['posted', 'posted', 'posted', 'posted']);

    // Reddit: the day's one collection, whatever the views.
    expect(today.reddit.requests.length).toBe(oneCollection);
    // The model: one analysis per distinct view (the day's, LocalLLaMA+LocalLLM, research), not per channel.
    expect(today.analyses()).toHaveLength(3);

    // Each post names only its view's communities.
    const discordText = JSON.stringify(discord.fake.messages(discord.fake.channelId));
    expect(discordText).toMatch(/LocalLLaMA|LocalLLM/);
    for (const other of ['singularity', 'MachineLearning', 'AI_Agents', 'datascience']) expect(discordText).not.toContain(`r/${other}`);
    const localText = slackText(slack, 'CLOCAL');
    for (const other of ['singularity', 'MachineLearning', 'AI_Agents']) expect(localText).not.toContain(`r/${other}`);
    const researchText = slackText(slack, 'CRESEARCH');
    for (const other of ['LocalLLaMA', 'AI_Agents', 'datascience', 'Rag']) expect(researchText).not.toContain(`r/${other}`);
    expect(slackText(slack, 'CALL')).toContain('r/singularity');
    expect(researchText).not.toBe(localText);
    expect(localText).toContain("This channel's view: r/LocalLLaMA, r/LocalLLM");
    expect(researchText).toMatch(/This channel's view: r\/MachineLearning, r\/singularity; topics \+research -video/);
    expect(slackText(slack, 'CALL')).not.toContain("This channel's view");

    // The threads answer from the view their post showed.
    const localKey = viewReportKey('2026-02-11', viewKey(local));
    const record = await store.deliveries.get('slack:CLOCAL:2026-02-11');
    expect(await store.threads.get(`slack:CLOCAL:${record!.threadId}`)).toMatchObject({ reportDate: localKey });
    // An offline answer in that thread cites only the view's posts, even asked about another community's news.
    const answer = await followUps.answer({ target: { platform: 'slack', workspaceId: slack.slack.teamId, channelId: 'CLOCAL', threadId: record!.threadId! }, userId: 'U9', text: 'what are the top posts about video and robots today?' });
    expect(answer.source).toBe('offline');
    const answered = JSON.stringify(answer.reply);
    const cited = sampleIds.filter((id) => answered.includes(id));
    expect(cited.length).toBeGreaterThan(0);
    for (const id of cited) expect(['LocalLLaMA', 'LocalLLM']).toContain(subredditOf.get(id));
    const viewReport = await store.reports.get(localKey);
    expect(viewReport!.view).toMatchObject({ communities: ['LocalLLaMA', 'LocalLLM'] });
    const posts = [...viewReport!.sections.today, ...viewReport!.sections.week, ...viewReport!.sections.month];
    expect(posts.length).toBeGreaterThan(0);
    expect(new Set(posts.map((p) => p.subreddit))).toEqual(new Set(['LocalLLaMA', 'LocalLLM']));
    // The analysis was written from the view's posts: one request showed the model only those communities' posts.
    const shown = today.analyses().map((r) => new Set(sampleIds.filter((id) => JSON.stringify(r.body.messages).includes(id)).map((id) => subredditOf.get(id))));
    expect(shown).toContainEqual(new Set(['LocalLLaMA', 'LocalLLM']));
    expect(shown.some((s) => [...s].every((c) => c === 'MachineLearning' || c === 'singularity'))).toBe(true);
  });

  it('a language view asks the model for that language; its links and numbers stay grounded', async () => {
    const store = await tempStore();
    const today = await day(store);
    const { report } = await today.reports.view({ communities: ['LocalLLaMA'], language: 'pt-BR' }, { now: NOW });
    const [request] = today.analyses().slice(-1);
    expect(JSON.stringify(request!.body.system)).toMatch(/Brazilian Portuguese/);
    expect(report.analysis).toMatchObject({ source: 'claude', language: 'pt-BR' });
    const written = JSON.stringify(report.analysis!.sections);
    expect(written).not.toContain('evil.example');
    expect(written).not.toContain('987,654');
    // The day's report stays in English, and the same view asked again is not paid again.
    const day0 = await today.reports.get({ now: NOW });
    expect(day0.report.analysis!.language).toBe('en');
    await today.reports.view({ language: 'pt-br', communities: ['localllama'] }, { now: NOW });
    expect(today.analyses()).toHaveLength(2);
  });

  it('two processes on one store asking for the same view at once: one analysis', async () => {
    const store = await tempStore();
    const one = await day(store);
    const other = await day(store);
    const view = { communities: ['MachineLearning'], topics: ['+research'] };
    const [a, b] = await Promise.all([one.reports.view(view, { now: NOW }), other.reports.view(view, { now: NOW })]);
    expect(a.report.generatedAt).toBe(b.report.generatedAt);
    // The day's report and the view, each analysed once between the two.
    expect(one.analyses().length + other.analyses().length).toBe(2);
    expect(one.reddit.requests.length + other.reddit.requests.length).toBeGreaterThan(0);
  });

  it('a community only a subscription names: collected in the one collection, shown in its view only', async () => {
    const store = await tempStore();
    const configured = ['singularity', 'LocalLLaMA', 'MachineLearning'];
    await subscribeChannels(store, 'slack', 'T1', ['CRAG'], { communities: ['Rag'] });
    const wanted = () => communitiesWanted(configured, store, 25);
    expect(await wanted()).toEqual([...configured, 'Rag']);
    // The source asks for the union, as main.ts wires it.
    const reddit = await startFakeReddit({ posts: sample.posts, now: sample.now, rateLimit: { limit: 10_000, windowSeconds: 600 } });
    stops.push(() => reddit.close());
    const steps = [createAnalysisStep({ store, settings: { language: 'en', enrichPosts: 0, commentsPerPost: 0 } })];
    const reports = new DailyReports(store, redditSource(clientFor(reddit, { sleep: () => Promise.resolve() }), wanted, store.subreddits, 3), steps, {}, undefined, undefined, { dayCommunities: configured });
    const dayReport = (await reports.get({ now: NOW })).report;
    const inDay = new Set([...dayReport.sections.today, ...dayReport.sections.week, ...dayReport.sections.month].map((p) => p.subreddit));
    expect(inDay.has('Rag')).toBe(false);
    const before = reddit.requests.length;
    const rag = (await reports.view({ communities: ['Rag'] }, { now: NOW })).report;
    expect(reddit.requests.length).toBe(before);
    const inView = [...rag.sections.today, ...rag.sections.week, ...rag.sections.month];
    expect(inView.length).toBeGreaterThan(0);
    expect(new Set(inView.map((p) => p.subreddit))).toEqual(new Set(['Rag']));
  });

  it('past MAX_REPORT_VIEWS a view gets the offline analysis, with a note', async () => {
    const store = await tempStore();
    const metrics = new PrometheusMetrics();
    const today = await day(store, 1, metrics);
    const first = await today.reports.view({ communities: ['LocalLLaMA'] }, { now: NOW });
    const { report } = await today.reports.view({ communities: ['MachineLearning'], language: 'de' }, { now: NOW });
    // The day's report (not a view) and the first view are analysed by the model; the second view is not.
    expect(today.analyses()).toHaveLength(2);
    expect(report.analysis!.source).toBe('offline');
    expect(report.warnings.join('\n')).toMatch(/past the day's MAX_REPORT_VIEWS/);
    expect(report.warnings.join('\n')).toMatch(/The automatic summary is in English \(de needs a model/);
    expect(await today.reports.viewsOf('2026-02-11')).toHaveLength(2);
    // The post says once that its automatic summary is in English.
    expect(JSON.stringify(morningReply(report, ['summary']).blocks).match(/the automatic summary is in English/g)).toHaveLength(1);
    // Each view's cost, in `status` and /metrics.
    const costs = await viewCosts(store, '2026-02-11');
    expect(costs).toMatchObject([
      { key: first.report.view!.key, view: 'r/LocalLLaMA', analysis: 'claude', costUsd: expect.any(Number), overCap: false },
      { view: 'r/MachineLearning; in de', analysis: 'offline', costUsd: null, overCap: true },
    ]);
    expect(describeViewCosts('2026-02-11', costs, 1)).toMatch(/Report views on 2026-02-11: 2 of at most 1 analysed by the model a day\n  \w+  r\/LocalLLaMA: claude, ≈ \$\d/);
    const text = await metrics.registry.metrics();
    expect(text).toMatch(new RegExp(`ai_trends_report_view_cost_usd_total\\{view="${first.report.view!.key}"\\} \\d`));
    expect(text).toMatch(/ai_trends_report_view_analyses_total\{view="day",analysis="claude"\} 1/);
  });
});

describe('cadence in the pass', () => {
  it('weekly:wed posts the week digest on Wednesday; a Saturday-only channel gets nothing on a Wednesday', async () => {
    const slack = await startSlackHarness();
    stops.push(() => slack.stop());
    const store = slack.store;
    const today = await day(store);
    await subscribeChannels(store, 'slack', slack.slack.teamId, ['CWEEKLY'], { days: 'weekly:wed' });
    await subscribeChannels(store, 'slack', slack.slack.teamId, ['CDAILY'], {});
    await subscribeChannels(store, 'slack', slack.slack.teamId, ['CSAT'], { days: 'sat' });
    const deps = samplePassDeps({ store, reports: today.reports, chats: { slack: slack.bot.chat }, followUps: makeFollowUps({ store }), log: createLogger('silent') });
    const items = await deliveryPass(deps, { now: NOW });
    expect(items.map((i) => [i.target.channelId, i.outcome])).toEqual([['CDAILY', 'posted'], ['CWEEKLY', 'posted']]);
    expect(slackText(slack, 'CWEEKLY')).toContain('Weekly Popular Posts');
    expect(slackText(slack, 'CDAILY')).not.toContain('Weekly Popular Posts');
    expect(slack.slack.messages('CSAT')).toEqual([]);
    // The week digest is its own view: its own analysis, on the same collection.
    expect(today.analyses()).toHaveLength(2);
  });
});

describe('preparing views', () => {
  it('a view due within REPORT_PREPARE_MINUTES is built ahead of its post, once', async () => {
    const slack = await startSlackHarness();
    stops.push(() => slack.stop());
    const store = slack.store;
    const today = await day(store);
    await subscribeChannels(store, 'slack', slack.slack.teamId, ['CA', 'CB'], { time: '08:20', communities: ['LocalLLaMA'] });
    const base = samplePassDeps({ store, reports: today.reports, chats: { slack: slack.bot.chat }, followUps: makeFollowUps({ store }), log: createLogger('silent') });
    const deps = { ...base, settings: { ...base.settings, prepareMs: 30 * 60_000 } };
    expect(await deliveryPass(deps, { now: new Date('2026-02-11T08:00:00Z'), scope: 'due' })).toEqual([]);
    expect(today.analyses()).toHaveLength(2);
    expect(await store.reports.get(viewReportKey('2026-02-11', viewKey({ communities: ['LocalLLaMA'] })))).toBeDefined();
    await deliveryPass(deps, { now: new Date('2026-02-11T08:01:00Z'), scope: 'due' });
    expect(today.analyses()).toHaveLength(2);
    expect(slack.slack.messages('CA')).toEqual([]);
  });
});

describe('the settings through the real clients', () => {
  it('Discord: /trends-subscribe with named options stores them; a bad value is refused privately', async () => {
    const h = await startHarness();
    stops.push(() => h.stop());
    const { fake } = h;
    fake.slashCommand({ name: 'trends-subscribe', options: [{ name: 'topics', value: '+agents,-crypto' }, { name: 'language', value: 'pt-BR' }, { name: 'days', value: 'weekly:mon' }], memberPermissions: '32' });
    await fake.waitForMessage((m) => /every mon \(a week digest\) at 08:00 UTC, sections: summary, topics: \+agents -crypto, language: pt-BR, days: weekly:mon/.test(m.content.replace(/\\/g, '')), 5_000);
    expect(await h.store.subscriptions.get(`discord:${fake.channelId}`)).toMatchObject({ topics: ['+agents', '-crypto'], language: 'pt-BR', days: 'weekly:mon' });
    fake.slashCommand({ name: 'trends-subscribe', options: [{ name: 'days', value: 'someday' }], memberPermissions: '32' });
    const refusal = await fake.waitForMessage((m) => /"someday" is not a day/.test(m.content.replace(/\\/g, '')), 5_000);
    expect(refusal.flags & 64).toBe(64);
    expect((await h.store.subscriptions.get(`discord:${fake.channelId}`))!.days).toBe('weekly:mon');
  });

  it('Slack: key:value words after the time, zone and sections', async () => {
    const h = await startSlackHarness();
    stops.push(() => h.stop());
    const { slack, url } = h;
    slack.addUser({ id: 'UADMIN', is_admin: true });
    await sendSlashCommand(url, SECRET, { userId: 'UADMIN', text: 'subscribe 08:00 Europe/Berlin summary,week topics:+agents,-crypto language:pt-BR days:weekdays', teamId: slack.teamId, responseUrl: slack.responseUrl('r1') });
    await slack.waitFor((c) => c.method === 'chat.postMessage', 5_000);
    expect(await h.store.subscriptions.get('slack:C0000CHAN')).toMatchObject({ time: '08:00', timezone: 'Europe/Berlin', sections: ['summary', 'week'], topics: ['+agents', '-crypto'], language: 'pt-BR', days: 'weekdays' });
    await sendSlashCommand(url, SECRET, { userId: 'UADMIN', text: 'subscribe language:xx-nope-zz', teamId: slack.teamId, responseUrl: slack.responseUrl('r2') });
    for (let i = 0; i < 100 && !slack.responses.some((r) => /is not a language tag/.test(JSON.stringify(r.body))); i++) await new Promise((r) => setTimeout(r, 20));
    expect(slack.responses.some((r) => /\\"xx-nope-zz\\" is not a language tag/.test(JSON.stringify(r.body)))).toBe(true);
    expect((await h.store.subscriptions.get('slack:C0000CHAN'))!.language).toBe('pt-BR');
  });
});
