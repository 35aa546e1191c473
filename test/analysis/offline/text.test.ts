import { describe, expect, it } from 'vitest';
import { excerpt, sentences } from '../../../src/analysis/offline/text.js';

// Quotes are cut at sentence ends, and a version number, a price, an abbreviation or a link is not one:
// the old split at every "." turned "Seedance 2.0 today" into "0 today".

describe('sentences', () => {
  it('keeps version numbers, decimals and prices inside their sentence', () => {
    expect(sentences('I tried Seedance 2.0 today and the motion is insane. Second one!')).toEqual(['I tried Seedance 2.0 today and the motion is insane. ', 'Second one!']);
    expect(sentences('Claude Opus 4.6 found 500 zero-days. It costs $3.50 per run.')).toEqual(['Claude Opus 4.6 found 500 zero-days. ', 'It costs $3.50 per run.']);
    expect(sentences('The harness v0.9.2 ran on llama.cpp b4120 at 2.5x speed. Done.')).toHaveLength(2);
  });

  it('does not end a sentence at an abbreviation or an initial', () => {
    expect(sentences('Quants are up, e.g. Q4_K_M and Q8_0. The model is good.')).toEqual(['Quants are up, e.g. Q4_K_M and Q8_0. ', 'The model is good.']);
    expect(sentences("Dr. Okafor ran it vs. the baseline. Then U.S. labs copied it. J. Doe agreed.")).toEqual([
      'Dr. Okafor ran it vs. the baseline. ',
      'Then U.S. labs copied it. ',
      'J. Doe agreed.',
    ]);
  });

  it('keeps a link whole', () => {
    expect(sentences('See https://example.com/a.b?x=1.2 for details. Next.')).toEqual(['See https://example.com/a.b?x=1.2 for details. ', 'Next.']);
  });
});

describe('excerpt', () => {
  it('quotes whole sentences with their version numbers', () => {
    expect(excerpt('I tried Seedance 2.0 today and the motion is insane. The rest is long enough to be cut off here.', 60)).toBe('I tried Seedance 2.0 today and the motion is insane.');
    expect(excerpt('Claude Opus 4.6 found 500 zero-days in open-source code. More later.', 60)).toBe('Claude Opus 4.6 found 500 zero-days in open-source code.');
    expect(excerpt('Dr. Okafor says e.g. Marlin 3.1 fits in 24 GB. Another sentence that does not fit.', 50)).toBe('Dr. Okafor says e.g. Marlin 3.1 fits in 24 GB.');
  });

  it('leaves out a sentence that held a link, which reads wrong once the link is cut', () => {
    expect(excerpt('The card is at https://example.invalid/marlin-3.1 if you want it. Next one.', 35)).toBe('Next one.');
    expect(excerpt('Only https://only.a/link here.', 35)).toBe('Only here.');
  });
});
