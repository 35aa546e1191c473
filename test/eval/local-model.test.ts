import { describe, expect, it } from 'vitest';
import { LOCAL_BEFORE, meetsLocalGoals, runLocalModel } from './local-model.js';

// The local-model part of `npm run eval`: a small model's transcript through the whole pipeline against the
// fake llama-server's 8k slot. Where main fell back to the offline analyst and offline answers every time,
// the model writes most of the analysis and every answer, each reply links a right post, a cut says so,
// and a question's prompt is a fraction of what it was.

describe('the local-model path', () => {
  it('meets its goals against the transcript, where main met none', async () => {
    const figures = await runLocalModel();
    expect(figures.analysisByModel).toBeGreaterThanOrEqual(3);
    expect(figures.analysisLargestRequest).toBeLessThanOrEqual(figures.nCtx);
    expect(figures.byModel).toBe(figures.questions);
    expect(figures.cut).toBe(1);
    expect(figures.cutSaid).toBe(1);
    expect(figures.followUpPromptMax).toBeLessThan(LOCAL_BEFORE.followUpPromptMedian / 3);
    expect(meetsLocalGoals(figures)).toBe(true);
    // The one part the transcript rambles through is said, with its cause.
    expect(figures.analysisWarnings.join(' ')).toMatch(/the week and month: the answer was cut off at its [\d,]+-token allowance \(max_tokens\)/);
  }, 60_000);
});
