import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonObjectIn } from '../../src/llm/json-text.js';

// The JSON object inside what a model wrote around it.

describe('jsonObjectIn', () => {
  it('finds the object inside prose and a code fence, braces in strings included', () => {
    const text = 'Sure! Here it is:\n```json\n{"a": "x } y { z", "b": {"c": [1, 2]}}\n```\nAnything else {maybe}?';
    expect(JSON.parse(jsonObjectIn(text))).toEqual({ a: 'x } y { z', b: { c: [1, 2] } });
  });

  it('skips a reasoning model\'s thinking, and a brace that never closes before the object', () => {
    expect(jsonObjectIn('<think>maybe {"wrong": true}</think>{"right": 1}')).toBe('{"right": 1}');
    expect(jsonObjectIn('I use { as a symbol. {"ok": "\\"quoted\\" }"}')).toBe('{"ok": "\\"quoted\\" }"}');
  });

  it('returns the text itself when there is no complete object (the parser then names the error)', () => {
    expect(jsonObjectIn('  no json here  ')).toBe('no json here');
    expect(jsonObjectIn('{"cut": [1, 2')).toBe('{"cut": [1, 2');
  });
});

/** The search as it was before (a scan to the end from every "{"): the reference for well-formed inputs. */
function quadraticJsonObjectIn(text: string): string {
  const visible = text.replace(/<think>[\s\S]*?<\/think>/gi, '');
  for (let start = visible.indexOf('{'); start !== -1; start = visible.indexOf('{', start + 1)) {
    let depth = 0;
    let inString = false;
    for (let i = start; i < visible.length; i++) {
      const ch = visible[i];
      if (inString) {
        if (ch === '\\') i++;
        else if (ch === '"') inString = false;
        continue;
      }
      if (ch === '"') inString = true;
      else if (ch === '{') depth++;
      else if (ch === '}' && --depth === 0) return visible.slice(start, i + 1);
    }
  }
  return visible.trim();
}

describe('jsonObjectIn on hostile text', () => {
  // A model (or a server posing as one) that writes nothing but "{" made the old search scan to the end
  // from every brace: 128,000 took 146 s, synchronously, with every heartbeat and health check waiting.
  it('searches a brace bomb and a pile of unclosed <think> tags in linear time', () => {
    const started = performance.now();
    expect(jsonObjectIn('{'.repeat(128_000))).toBe('{'.repeat(128_000));
    expect(jsonObjectIn(`${'{"a": '.repeat(40_000)}`)).toMatch(/^\{"a"/);
    // An unclosed <think> runs to the end: all of it is reasoning, nothing to parse.
    expect(jsonObjectIn(`${'<think>'.repeat(50_000)}{"a": 1}`)).toBe('');
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('takes nothing from an unclosed <think> (a draft there is reasoning), and reads the tag in any spelling', () => {
    expect(jsonObjectIn('<think>Draft: {"wrong": true}')).toBe('');
    expect(jsonObjectIn('<think >maybe {"wrong": true}</THINK>{"right": 1}')).toBe('{"right": 1}');
    expect(jsonObjectIn('<Think mode="x">{"wrong": true}</think >\n{"right": 1}')).toBe('{"right": 1}');
  });

  it('searches only the first maxChars characters', () => {
    expect(jsonObjectIn(`prose {"a": 1}`, 5)).toBe('prose');
    expect(jsonObjectIn(`${'x'.repeat(100)} {"a": 1}`, 200)).toBe('{"a": 1}');
  });

  it('finds the object the old search found, on prose around a JSON object', () => {
    // Prose before the object carries no quote or backslash (a quote there would open a "string" that
    // the old search, restarting at each brace, and a single pass read differently); anything may follow it.
    const prose = fc.string({ unit: fc.constantFrom(...'abc {}[]:,.\n<>/'.split('')) });
    fc.assert(
      fc.property(prose, fc.dictionary(fc.string(), fc.jsonValue()), fc.string(), fc.boolean(), (before, value, after, think) => {
        const text = `${think ? '<think>maybe {"x": 1}</think>' : ''}${before}${JSON.stringify(value)}${after}`;
        expect(jsonObjectIn(text)).toBe(quadraticJsonObjectIn(text));
      }),
      { numRuns: 2_000 },
    );
  });
});
