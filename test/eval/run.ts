// `npm run eval`: first the day's pick (test/eval/pick.ts) on the bundled sample, the synthetic day and a
// generated week, before (the raw ranking) and after (the fair pick), against its goals; then the local-model
// path (test/eval/local-model.ts: a small model's transcript against the fake llama-server); then the
// practitioner questions of test/eval/questions.ts over the sample and the synthetic day, through every
// answerer of test/eval/answerers.ts: per answerer and day, the share of answers citing a right post and
// citing it first (goals: 90% and 80%), then the misses. `--quiet` leaves the misses out. Exits 1 when
// any figure is below its goal.
import { defaultSubreddits } from '../../src/config.js';
import { answerers } from './answerers.js';
import { openSampleDay, openSyntheticDay } from './days.js';
import { evaluate, GOALS, summarise, type QuestionResult } from './eval.js';
import { generatedWeekReports } from './generated-week.js';
import { LOCAL_BEFORE, LOCAL_GOALS, meetsLocalGoals, runLocalModel } from './local-model.js';
import { meetsPickGoals, pickFigures, PICK_GOALS, type PickFigures } from './pick.js';

const quiet = process.argv.includes('--quiet');
const pct = (part: number, whole: number) => `${whole === 0 ? 0 : Math.round((100 * part) / whole)}%`.padStart(4);
const days = [await openSampleDay(), await openSyntheticDay()];
let failed = false;

// The pick: what a reader of the morning post meets first.
const figures = (f: PickFigures) =>
  `${`${Math.round(f.largestShare * 5)} of 5`.padStart(6)}   ${String(f.lowSignalTop5).padStart(3)} / ${String(f.memesTop3).padStart(1)}      ${`${f.accounted} of ${f.configured}`.padStart(8)}`;
console.log(`The day's pick: goals ≤ ${PICK_GOALS.largestShare * 5} of the top 5 from one community, no joke or image-only post in the top 3, every configured community named\n`);
console.log(`${'day'.padEnd(22)} ${'largest community'.padEnd(18)} ${'jokes/images top 5 / top 3'.padEnd(27)} ${'communities named'.padEnd(18)}`);
const week = await generatedWeekReports();
const pickDays = [...days.map((d) => ({ name: d.name, report: d.report })), ...week.map((report) => ({ name: `generated ${report.date}`, report }))];
for (const { name, report } of pickDays) {
  for (const when of ['before', 'after'] as const) {
    const f = pickFigures(report, when, defaultSubreddits);
    const met = meetsPickGoals(f);
    if (when === 'after' && !met) failed = true;
    console.log(`${(when === 'before' ? name : '').padEnd(22)} ${when.padEnd(7)} ${figures(f)}   ${when === 'after' ? (met ? 'goals met' : 'BELOW THE GOALS') : ''}`);
  }
}
console.log('');

// The local-model path: a small model's transcript through the whole pipeline against the fake llama-server.
const local = await runLocalModel();
const localMet = meetsLocalGoals(local);
if (!localMet) failed = true;
const n = (v: number) => Math.round(v).toLocaleString('en-US');
const minutes = (tokens: number) => `${(tokens / 22 / 60).toFixed(1)} min`;
console.log(`A small local model (transcript of a 0.5B-class model; fake llama-server, ${n(local.nCtx)}-token slot, tokens as its tokenizer counts them, prompts read at 22 tokens/s on 2 cores; before: main, measured by test/eval/prompt-sizes.ts):`);
console.log(`  analysis sections by the model   before ${LOCAL_BEFORE.analysisByModel} of 5 (prompt ${n(LOCAL_BEFORE.analysisPromptTokens)} tokens, refused by the slot)   after ${local.analysisByModel} of 5 (goal ≥ ${LOCAL_GOALS.analysisByModel}); prompts ${n(local.analysisPromptTokens)} tokens in all, ${local.analysisMinutes.toFixed(1)} min to read; largest request ${n(local.analysisLargestRequest)} of ${n(local.nCtx)}`);
for (const warning of local.analysisWarnings) console.log(`    warning: ${warning}`);
console.log(`  follow-ups answered by the model before ${LOCAL_BEFORE.byModelShare * 100}% (every prompt over the slot)   after ${n((100 * local.byModel) / local.questions)}% (${local.byModel} of ${local.questions}; goal 100%)`);
console.log(`  replies citing a right post      after ${n((100 * local.citesRight) / local.questions)}% (in the answer or beside it; goal ≥ ${LOCAL_GOALS.citesRightShare * 100}%); cuts said in words ${local.cutSaid} of ${local.cut}`);
console.log(`  follow-up prompt (median)        before ${n(LOCAL_BEFORE.followUpPromptMedian)} tokens (${minutes(LOCAL_BEFORE.followUpPromptMedian)})   after ${n(local.followUpPromptMedian)} tokens (${local.coldQuestionMinutes.toFixed(1)} min), largest ${n(local.followUpPromptMax)} (goal ≤ ${n(LOCAL_GOALS.followUpPromptMax)})`);
console.log(`  ${localMet ? 'goals met' : 'BELOW THE GOALS'}\n`);

const total = days.reduce((sum, d) => sum + d.questions.length, 0);
console.log(`Evaluation: ${total} practitioner questions (${days.map((d) => `${d.questions.length} on the ${d.name} day`).join(', ')}); goals: a right post cited in ≥ ${GOALS.citesRight * 100}%, first in ≥ ${GOALS.rightFirst * 100}%\n`);
console.log(`${'answerer'.padEnd(20)} ${'day'.padEnd(10)} questions  cites a right post  right post first`);
const misses: Array<{ answerer: string; result: QuestionResult }> = [];
try {
  for (const answerer of answerers) {
    const all: QuestionResult[] = [];
    for (const day of days) {
      const results = await evaluate(answerer, day);
      all.push(...results);
      const s = summarise(results);
      console.log(`${answerer.name.padEnd(20)} ${day.name.padEnd(10)} ${String(s.questions).padStart(9)}  ${pct(s.citesRight, s.questions)} (${s.citesRight})`.padEnd(62) + `${pct(s.rightFirst, s.questions)} (${s.rightFirst})`);
      for (const result of results) if (!result.rightFirst) misses.push({ answerer: answerer.name, result });
    }
    const s = summarise(all);
    const met = s.citesRight / s.questions >= GOALS.citesRight && s.rightFirst / s.questions >= GOALS.rightFirst;
    if (!met) failed = true;
    console.log(`${answerer.name.padEnd(20)} ${'all'.padEnd(10)} ${String(s.questions).padStart(9)}  ${pct(s.citesRight, s.questions)} (${s.citesRight})`.padEnd(62) + `${pct(s.rightFirst, s.questions)} (${s.rightFirst})   ${met ? 'goals met' : 'below the goals'}${answerer.measures === 'plumbing' ? ' (plumbing check: sources given, numbered and mapped back)' : ''}`);
  }
  if (!quiet && misses.length > 0) {
    console.log('\nAnswers without a right post first:');
    for (const { answerer, result } of misses) {
      console.log(`  [${answerer}, ${result.day}] ${result.question}\n    expected ${result.expected.join(' or ')}; cited ${result.cited.length ? result.cited.slice(0, 5).join(', ') : 'nothing'}${result.citesRight ? ' (a right post, not first)' : ''}`);
    }
  }
} finally {
  for (const day of days) await day.close();
}
if (failed) {
  console.log('\nSome figures are below their goals.');
  process.exitCode = 1;
}
