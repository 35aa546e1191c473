import { describe, expect, it } from 'vitest';
import { StripThinking } from '../../src/followup/strip-thinking.js';

const streamed = (deltas: string[]) => {
  const strip = new StripThinking();
  return deltas.map((d) => strip.push(d)).join('') + strip.end();
};

describe('StripThinking (streamed deltas of a reasoning model)', () => {
  it('drops the thinking and the space before the answer, as the final answer does', () => {
    expect(streamed(['<think>The user asks', ' about X.</think>\n\n', 'X is', ' new [1].'])).toBe('X is new [1].');
  });

  it('finds tags cut between deltas, in any case', () => {
    expect(streamed(['<thi', 'nk>hmm</TH', 'INK>', '  ', 'Answer.'])).toBe('Answer.');
  });

  it('passes text without tags through, holding only what could start one', () => {
    const strip = new StripThinking();
    expect(strip.push('a < b and <t')).toBe('a < b and ');
    expect(strip.push('able>')).toBe('<table>');
    expect(strip.end()).toBe('');
  });

  it('an unfinished thought shows nothing', () => {
    expect(streamed(['<think>still going', ' on'])).toBe('');
  });
});
