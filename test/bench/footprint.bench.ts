// `npm run bench`: the memory of the running bot, as deployed: the compiled `ai-trends start` (plain node)
// in a child process, connected to the fake Discord and the fake Slack at once, with 1,000 morning-post
// subscriptions in its store (500 per platform, listed by every minute's pass, none due while it runs).
// Its RSS (/proc/<pid>/status) once started and settled, then after 1,000 follow-up questions answered in
// report threads (500 on each platform, offline answerer: no Claude key), and the growth between the two.
// Goal: ≤ 150 MB RSS, ≤ 10% growth (no leak). The bot runs with exactly the node flags of `npm start` (read
// from package.json, so the two cannot drift) and the image's MALLOC_ARENA_MAX (read from the Dockerfile).
// FOOTPRINT_NODE_FLAGS="..." and MALLOC_ARENA_MAX=... try others; FOOTPRINT_QUESTIONS=3000 makes a longer run
// (a post-GC heap that keeps rising with the count is a leak; a plateau is a bounded cache).
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/store/store.js';
import { startFakeDiscord } from '../fakes/discord/index.js';
import { sendEvent, sendSlashCommand } from '../fakes/slack/signing.js';
import { startFakeSlack } from '../fakes/slack/web-api.js';
import { parseDockerfile, parseEnv } from '../deploy/dockerfile.js';
import { freePort } from '../helpers/free-port.js';
import { subscribeChannels } from '../helpers/morning.js';

const SUBSCRIPTIONS = 1_000;
const QUESTIONS = Number(process.env.FOOTPRINT_QUESTIONS ?? 1_000);
const SECRET = 'bench-signing-secret';
const repo = new URL('../../', import.meta.url).pathname;
execFileSync(process.execPath, [join(repo, 'src/prepare.js')], { stdio: 'inherit' });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const MB = 1024 * 1024; // MiB, as /proc reports them
function memory(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kB = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)![1]) * 1024;
  return { rss: kB('VmRSS'), peak: kB('VmHWM') };
}
/** Heap in use after a full GC in the bot (read before the GC's own effect on RSS). */
async function heapAfterGc(): Promise<{ heapUsed: number; heapTotal: number; rss: number }> {
  const seen = stderr.length;
  bot.kill('SIGUSR2');
  for (let i = 0; i < 6_000; i++) {
    const match = /heap-after-gc (\{.*\})/.exec(stderr.slice(seen));
    if (match) return JSON.parse(match[1]!) as { heapUsed: number; heapTotal: number; rss: number };
    await sleep(10);
  }
  throw new Error('the bot did not report its heap');
}

const discord = await startFakeDiscord();
const slack = await startFakeSlack();

// The store the bot opens (no Reddit credentials: the sample's), with the subscriptions already in it. Their
// time is 12 hours from now, so no pass posts them (and none is within the grace hours of a missed post).
const dir = mkdtempSync(join(tmpdir(), 'ai-trends-footprint-'));
const storeUrl = `sqlite://${join(dir, 'store.sqlite')}`;
const time = new Date(Date.now() + 12 * 3600_000).toISOString().slice(11, 16);
const seeding = await openStore(storeUrl, 'sample');
await subscribeChannels(seeding, 'discord', discord.guildId, Array.from({ length: SUBSCRIPTIONS / 2 }, (_, i) => String(1_300_000_000_000_000_000n + BigInt(i))), { time });
await subscribeChannels(seeding, 'slack', slack.teamId, Array.from({ length: SUBSCRIPTIONS / 2 }, (_, i) => `C${String(i).padStart(8, '0')}`), { time });
await seeding.close();

/** The node flags `npm start` runs the bot with: what stands between `node` and `dist/src/bin.js start`. */
function startFlags(): string[] {
  const start = (JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
  const match = /^node((?:\s+--\S+)*)\s+dist\/src\/bin\.js start$/.exec(start);
  if (!match) throw new Error(`package.json's start script is not \`node [--flags] dist/src/bin.js start\`: ${start}`);
  return match[1]!.trim().split(/\s+/).filter(Boolean);
}
/** MALLOC_ARENA_MAX as the container image sets it (the runtime stage's ENV in the Dockerfile). */
function imageMallocArenaMax(): string | undefined {
  const runtime = parseDockerfile(readFileSync(join(repo, 'Dockerfile'), 'utf8')).at(-1)!;
  return Object.assign({}, ...runtime.instructions.filter((i) => i.keyword === 'ENV').map((i) => parseEnv(i.args))).MALLOC_ARENA_MAX as string | undefined;
}
const mallocArenaMax = process.env.MALLOC_ARENA_MAX ?? imageMallocArenaMax();
const nodeFlags = process.env.FOOTPRINT_NODE_FLAGS !== undefined ? process.env.FOOTPRINT_NODE_FLAGS.split(/\s+/).filter(Boolean) : startFlags();

const port = await freePort();
// A one-line preload (with --expose-gc, the only difference from `npm start`): on SIGUSR2 a full GC, then the heap in use, so a
// leak shows apart from a heap that merely grew to its working size.
// FOOTPRINT_SNAPSHOTS=1 also writes a heap snapshot (into the bot's working directory) at each point, for a diff.
const snapshot = process.env.FOOTPRINT_SNAPSHOTS ? "process.stderr.write('snapshot '+process.cwd()+'/'+(await import('node:v8')).writeHeapSnapshot()+'\\n');" : '';
const heapProbe = `--import=data:text/javascript,${encodeURIComponent(`process.on('SIGUSR2',async()=>{globalThis.gc();${snapshot}process.stderr.write('heap-after-gc '+JSON.stringify(process.memoryUsage())+'\\n')})`)}`;
const bot = spawn(process.execPath, [...nodeFlags, '--expose-gc', heapProbe, join(repo, 'dist/src/bin.js'), 'start'], {
  cwd: dir,
  env: {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    STORE_URL: storeUrl,
    // The bundled sample, as before the source ladder: no Reddit request from a bench.
    REDDIT_SOURCE: 'sample',
    DISCORD_TOKEN: discord.token,
    DISCORD_APPLICATION_ID: discord.applicationId,
    DISCORD_API_BASE: discord.apiBase,
    SLACK_BOT_TOKEN: 'xoxb-bench-token',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: slack.apiUrl.replace(/\/$/, ''),
    PORT: String(port),
    FOLLOWUP_USER_QUESTIONS_PER_HOUR: '1000',
    FOLLOWUP_CHANNEL_QUESTIONS_PER_HOUR: '10000',
    // The cap on glibc's malloc arenas that the image sets (MALLOC_ARENA_MAX="" in the environment measures without).
    ...(mallocArenaMax ? { MALLOC_ARENA_MAX: mallocArenaMax } : {}),
  },
  stdio: ['ignore', 'ignore', 'pipe'],
});
let stderr = '';
bot.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
for (let i = 0; i < 1_200 && !(/discord: connected/.test(stderr) && /slack: connected/.test(stderr)); i++) await sleep(50);
if (!/discord: connected/.test(stderr) || !/slack: connected/.test(stderr)) throw new Error(`the bot did not connect to both fakes:\n${stderr}`);

// A report thread on each platform (this builds and stores the day's report once).
discord.slashCommand({ name: 'trends' });
const threadCall = await discord.waitFor((c) => /\/messages\/\d+\/threads$/.test(c.path), 30_000);
const discordThread = /\/messages\/(\d+)\/threads$/.exec(threadCall.path)![1]!;
const slackUrl = `http://127.0.0.1:${port}`;
await sendSlashCommand(slackUrl, SECRET, { text: '', teamId: slack.teamId, responseUrl: slack.responseUrl('r') });
await slack.waitFor((c) => c.method === 'chat.postMessage', 10_000);
const slackChannel = slack.calls.find((c) => c.method === 'chat.postMessage')!.args.channel as string;
const slackThread = slack.messages(slackChannel)[0]!.ts;
await sleep(3_000); // the first pass over the subscriptions, the thread bindings written, the heap settled
const started = memory(bot.pid!);
const startedHeap = await heapAfterGc();
const checkpoints: string[] = [];

const questions = ['what stands out today?', 'anything about agents?', 'which local models are people running?', 'what about Seedance?', 'is there news on RAG?'];
const t0 = Date.now();
for (let i = 0; i < QUESTIONS; i++) {
  const text = `${questions[i % questions.length]} (${i})`;
  const user = i % 5;
  if (i % 2 === 0) {
    const before = discord.messages(discordThread).length;
    discord.userMessage({ channelId: discordThread, content: text, authorId: String(1_200_000_000_000_000_000n + BigInt(user)) });
    await discord.waitForMessage((m) => m.channel_id === discordThread && m.author.id === discord.botUser.id && discord.messages(discordThread).length > before + 1, 15_000);
  } else {
    const answers = () => slack.messages(slackChannel).filter((m) => m.thread_ts === slackThread && m.blocks).length;
    const before = answers();
    const event = { type: 'message', channel: slackChannel, user: `U000000${user}`, text, ts: `${Math.floor(Date.now() / 1000)}.${String(i).padStart(6, '0')}`, thread_ts: slackThread };
    const sent = await sendEvent(slackUrl, SECRET, event, { eventId: `Ev${i}`, teamId: slack.teamId });
    if (sent.status !== 200) throw new Error(`Slack event ${i}: ${sent.status}`);
    for (let w = 0; w < 750 && answers() === before; w++) await sleep(20);
    if (answers() === before) throw new Error(`Slack question ${i} was not answered:\n${stderr.slice(-2_000)}`);
  }
  if ((i + 1) % 250 === 0) checkpoints.push(`${i + 1}: ${(memory(bot.pid!).rss / MB).toFixed(0)}`);
  // A longer run also takes the post-GC heap every 1,000 answers: the leak check is its trend.
  if (QUESTIONS > 1_000 && (i + 1) % 1_000 === 0) checkpoints.push(`heap after GC ${((await heapAfterGc()).heapUsed / MB).toFixed(1)}`);
}
const answeredMs = Date.now() - t0;
await sleep(3_000);
const after = memory(bot.pid!);
const afterHeap = await heapAfterGc();
bot.kill('SIGTERM');
await new Promise((resolve) => bot.on('close', resolve));
await discord.close();
await slack.close();

const growth = after.rss / started.rss - 1;
const heapGrowth = afterHeap.heapUsed / startedHeap.heapUsed - 1;
const mb = (n: number) => (n / MB).toFixed(1);
const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
console.log(`Footprint of \`ai-trends start\` (compiled, node ${nodeFlags.join(' ') || 'without flags'}${mallocArenaMax ? `, MALLOC_ARENA_MAX=${mallocArenaMax}` : ''}) on Discord and Slack (fakes), ${SUBSCRIPTIONS} subscriptions in the store`);
console.log(`  after start            RSS ${mb(started.rss)} MiB (goal ≤ 150 MB = 143 MiB: ${verdict(started.rss <= 150e6)}); JS heap after a full GC ${mb(startedHeap.heapUsed)} MiB`);
console.log(`  after ${QUESTIONS} follow-ups  RSS ${mb(after.rss)} MiB, peak ${mb(after.peak)} MiB; JS heap after a full GC ${mb(afterHeap.heapUsed)} MiB`);
console.log(`  growth                 RSS ${(growth * 100).toFixed(1)}% (goal ≤ 10%: ${verdict(growth <= 0.1)}); JS heap after GC ${(heapGrowth * 100).toFixed(1)}%`);
console.log(`  RSS along the way (MiB): ${checkpoints.join(', ')}`);
console.log(`  V8 heap reserved ${mb(startedHeap.heapTotal)} → ${mb(afterHeap.heapTotal)} MiB`);
console.log(`  ${QUESTIONS} answers (offline answerer, half on each platform, one after another) in ${(answeredMs / 1000).toFixed(1)} s`);
