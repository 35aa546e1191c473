// `npx tsx test/eval/prompt-sizes.ts [TREE] [--n-ctx N]`: the sizes of the analysis and follow-up prompts
// on the bundled sample, as the fake llama-server (test/fakes/llama-server.ts) counts them, for this tree or
// for another commit's tree, so the "before" figures of `npm run eval` (local-model.ts LOCAL_BEFORE) can be
// measured again rather than taken on trust:
//   git archive main | tar -x -C /tmp/main && ln -s "$PWD/node_modules" /tmp/main/
//   npx tsx test/eval/prompt-sizes.ts /tmp/main --n-ctx 8192
// The server (this tree's fake) is the same for both; the tree's own analysis step, follow-ups and OpenAI
// client build and send the prompts. A model that answers every analysis request with an empty JSON
// object fitted to the request's schema (so the offline analyst writes the analysis in both trees, and the
// follow-ups of both carry the same analysis), and every question with "[1]", stands in for the model.
import { resolve } from 'node:path';
import { startFakeLlamaServer } from '../fakes/llama-server.js';
import { fitToSchema, requestSchema } from '../helpers/model-answer.js';

const args = process.argv.slice(2);
const ctxAt = args.indexOf('--n-ctx');
const nCtx = ctxAt >= 0 ? Number(args[ctxAt + 1]) : 65_536;
const tree = resolve(args.find((a, i) => !a.startsWith('--') && (ctxAt < 0 || i !== ctxAt + 1)) ?? '.');
const from = (path: string) => import(`${tree}/${path}`);

const { createAnalysisStep } = await from('src/analysis/analyze.ts');
const { FollowUps } = await from('src/followup/index.ts');
const { createOpenAI } = await from('src/llm/openai.ts');
const { DailyReports } = await from('src/report/daily.ts');
const { sampleSource } = await from('src/report/source.ts');
const { loadSample } = await from('src/sample/sample.ts');
const { defaultSubreddits } = await from('src/config.ts');
const { openTempStore, tempSqliteUrl } = await from('test/helpers/store.ts');
const { sampleQuestions } = await from('test/eval/questions.ts');
// The day's pick is a report step of its own since issue 23; an older tree has none.
const pickStep = await from('src/report/pick-step.ts').catch(() => undefined);

const fake = await startFakeLlamaServer({ nCtx });
fake.setDefault({ kind: 'handler', handle: (request) => (request.jsonSchema ? { kind: 'json', value: fitToSchema({}, requestSchema(request.body)) } : { kind: 'message', content: 'An answer [1].' }) });
const store = await openTempStore('live', tempSqliteUrl('ai-trends-prompt-sizes-'));
const chats = () => fake.requests.filter((r) => r.path.endsWith('/chat/completions'));
try {
  const openai = createOpenAI({ baseURL: fake.baseURL, model: 'small-model', contextTokens: 16_384, timeoutMs: 30_000, maxRetries: 0, promptTokensPerSecond: 100_000 });
  const steps = [
    ...(pickStep ? [pickStep.createPickStep({ reports: store.reports, communities: defaultSubreddits })] : []),
    createAnalysisStep({ store, openai, settings: { language: 'en', enrichPosts: 15, commentsPerPost: 5 } }),
  ];
  const { report } = await new DailyReports(store, sampleSource(), steps).get({ now: loadSample().now });
  const analysis = chats();
  console.log(`${tree}, a ${nCtx.toLocaleString('en-US')}-token slot, OPENAI_CONTEXT_TOKENS=16384`);
  console.log(`analysis: ${analysis.map((r) => `${r.promptTokens.toLocaleString('en-US')}${r.jsonSchema ? '' : ' (no schema)'}`).join(' + ')} prompt tokens; written by ${report.analysis?.source ?? 'nothing'}${report.analysis?.offlineSections?.length ? ` (offline: ${report.analysis.offlineSections.join(', ')})` : ''}`);
  const followUps = new FollowUps({ store, openai, limits: { userQuestionsPerHour: 10_000, channelQuestionsPerHour: 10_000, dailyTokenBudget: 1e9, maxAnswerTokens: 300, answerDeadlineMs: 60_000 }, clock: () => new Date(Date.parse(report.generatedAt) + 3_600_000) });
  const sizes: number[] = [];
  for (const [i, q] of (sampleQuestions as Array<{ question: string }>).entries()) {
    const target = { platform: 'console' as const, workspaceId: 'sizes', channelId: 'c', threadId: `q${i}` };
    await followUps.bindThread({ target, reportDate: report.date });
    const before = chats().length;
    await followUps.answer({ target, userId: 'u', text: q.question });
    sizes.push(...chats().slice(before).map((r) => r.promptTokens));
  }
  sizes.sort((a, b) => a - b);
  console.log(`follow-ups: ${sizes.length} prompts, median ${sizes[Math.floor(sizes.length / 2)]!.toLocaleString('en-US')} tokens, ${sizes[0]!.toLocaleString('en-US')} to ${sizes.at(-1)!.toLocaleString('en-US')}`);
} finally {
  await store.close();
  await fake.close();
}
