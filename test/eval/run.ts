// `npm run eval`: the practitioner questions of test/eval/questions.ts over the bundled sample and the
// synthetic day, through every answerer of test/eval/answerers.ts. Prints, per answerer and day, the share
// of answers citing a right post and citing it first (goals: 90% and 80%), then the misses.
// `--quiet` leaves the misses out.
import { answerers } from './answerers.js';
import { openSampleDay, openSyntheticDay } from './days.js';
import { evaluate, GOALS, summarise, type QuestionResult } from './eval.js';

const quiet = process.argv.includes('--quiet');
const pct = (part: number, whole: number) => `${whole === 0 ? 0 : Math.round((100 * part) / whole)}%`.padStart(4);
const days = [await openSampleDay(), await openSyntheticDay()];
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
