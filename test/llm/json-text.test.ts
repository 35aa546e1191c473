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
