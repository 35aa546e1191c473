import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';

// The two deadlines against a model server that never finishes: the whole analysis (ANALYSIS_DEADLINE_MS)
// and each follow-up answer (FOLLOWUP_ANSWER_DEADLINE_MS).

describe('ANALYSIS_DEADLINE_MS and FOLLOWUP_ANSWER_DEADLINE_MS', () => {
  it('default to 10 minutes and 2 minutes, and take milliseconds', () => {
    const config = loadConfig({}, '0');
    expect(config.analysis.deadlineMs).toBe(600_000);
    expect(config.followup.answerDeadlineMs).toBe(120_000);
    const set = loadConfig({ ANALYSIS_DEADLINE_MS: '900000', FOLLOWUP_ANSWER_DEADLINE_MS: '30000' }, '0');
    expect(set.analysis.deadlineMs).toBe(900_000);
    expect(set.followup.answerDeadlineMs).toBe(30_000);
  });

  it.each([
    ['ANALYSIS_DEADLINE_MS', 'soon'],
    ['ANALYSIS_DEADLINE_MS', '0'],
    ['FOLLOWUP_ANSWER_DEADLINE_MS', '-5'],
    ['FOLLOWUP_ANSWER_DEADLINE_MS', '99999999999'],
  ])('%s=%s stops start-up naming the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value }, '0')).toThrow(new RegExp(`^${name}: `));
  });
});
