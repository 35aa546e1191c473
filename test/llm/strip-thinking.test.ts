import { describe, expect, it } from 'vitest';
import { StripThinking, withoutThinking } from '../../src/llm/strip-thinking.js';

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

// The tag as models and templates really write it: a space before ">", capitals, attributes. Each must be
// dropped the same way from the whole answer and from its streamed deltas.
const variants = ['<think >', '<THINK>', '<Think mode="deep">', '<think\n>'];
const closes = ['</think >', '</THINK>', '</Think>'];

describe('thinking tags written every way', () => {
  it.each(variants)('%s … </think> is dropped from the whole answer and from deltas', (open) => {
    for (const close of closes) {
      const text = `${open}The user wants X.${close}\n\nX is new [1].`;
      expect(withoutThinking(text)).toBe('X is new [1].');
      expect(streamed(Array.from(text))).toBe('X is new [1].');
      expect(streamed([text.slice(0, 3), text.slice(3, 20), text.slice(20)])).toBe('X is new [1].');
    }
  });

  it('an unclosed thought drops everything after it (it is reasoning, not answer)', () => {
    expect(withoutThinking('Answer first. <think >then a thought {"a": 1}')).toBe('Answer first. ');
    expect(streamed(['Answer first. <THI', 'NK>then a thought'])).toBe('Answer first. ');
  });

  it('leaves look-alikes alone: <thinking> is not <think>, and a "<" in prose still flows', () => {
    expect(withoutThinking('Use <thinking> tags and <thinker> names.')).toBe('Use <thinking> tags and <thinker> names.');
    expect(streamed(['a <thinking> b', ' c'])).toBe('a <thinking> b c');
    expect(streamed(['x <', 'y'])).toBe('x <y');
  });
});
