// `npm run bench`: the Discord adapter against the fake Discord on 127.0.0.1 (real discord.js client):
// 100 `/trends` interactions on a stored report, one after another, each timed from the moment the
// fake dispatches INTERACTION_CREATE to (a) the deferral callback and (b) the edit that carries the
// answer (its end: the thread opened under it). Then the number of messages a full report takes.
import { startHarness } from '../adapters/discord/harness.js';

const RUNS = 100;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

const h = await startHarness();
const { fake } = h;

// The day's report is built once (the first /trends) and stored; every run below reads it.
fake.slashCommand({ name: 'trends' });
await fake.waitFor((c) => /\/threads$/.test(c.path), 20_000);

const toDefer: number[] = [];
const toAnswer: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const since = fake.calls.length;
  const started = Date.now();
  const sent = fake.slashCommand({ name: 'trends' });
  const deferral = await fake.waitFor((c) => c.path === `/interactions/${sent.id}/${sent.token}/callback`, 5_000);
  const edit = await fake.waitFor((c) => c.method === 'PATCH' && c.path.includes(sent.token) && c.path.endsWith('/@original'), 5_000);
  await fake.waitFor((c) => fake.calls.indexOf(c) > since && /\/threads$/.test(c.path), 5_000);
  toDefer.push(deferral.at - started);
  toAnswer.push(edit.at - started);
}

const before = fake.calls.length;
fake.slashCommand({ name: 'trends', options: [{ name: 'section', value: 'full' }] });
await fake.waitFor((c) => fake.calls.indexOf(c) >= before && /\/threads$/.test(c.path), 5_000);
await new Promise((resolve) => setTimeout(resolve, 500));
const fullMessages = fake.calls.slice(before).filter((c) => (c.method === 'PATCH' && c.path.endsWith('/@original')) || (c.method === 'POST' && /\/channels\/\d+\/messages$/.test(c.path)));
const chars = fullMessages.map((c) => String((c.body as { content?: string }).content ?? '').length);

console.log(`Discord /trends, ${RUNS} interactions on the stored ${'2026-02-11'} report (fake Discord on 127.0.0.1, no added latency)`);
console.log(`  INTERACTION_CREATE → deferral     median ${percentile(toDefer, 50)} ms, p99 ${percentile(toDefer, 99)} ms (goal p99 ≤ 50 ms)`);
console.log(`  INTERACTION_CREATE → answer edit  median ${percentile(toAnswer, 50)} ms, p99 ${percentile(toAnswer, 99)} ms (goal p99 ≤ 250 ms)`);
console.log(`  /trends full: ${fullMessages.length} messages (${chars.join(', ')} characters; limit 2,000 each)`);
await h.stop();
