import { describe, expect, it } from 'vitest';
import { stripUnknownLinks } from '../../src/text/links.js';
import { groundAnswer, KnownPosts } from '../../src/followup/grounding.js';

// A bare domain in model text ("evilbare.com") is a link too where chat apps link it (Slack does): it
// goes like "www.evil.example" and "evil.example/path" already did. A version number or a file name is
// not a domain and stays.

const strip = (text: string) => stripUnknownLinks(text, () => false);

describe('bare domains in model text', () => {
  it.each([
    ['Claim your prize at evilbare.com now.', 'Claim your prize at now.'],
    ['Details: evilbare.com', 'Details'],
    ['(see evil-bare.io)', '(see)'],
    ['EVILBARE.COM has it', ' has it'],
    ['mail keys@evilbare.net today', 'mail today'],
    ['Try sub.domain.evilbare.ai or x.co', 'Try or'],
    ['Read evilbare.com, then evil.xyz.', 'Read, then.'],
  ])('%s → %s', (text, expected) => {
    expect(strip(text)).toBe(expected);
  });

  it.each([
    'GPT-4.5 beats Llama 3.1 and v0.12 of the tool',
    'Download model.gguf, edit config.json, run train.py and read README.md',
    'Weights ship as model.safetensors or model.pt; install.sh sets it up',
    'Node.js, Next.js and Qwen2.5-7B, e.g. on a 3090, i.e. locally, vs. the cloud',
    'It shipped.Today it is faster.Also open.It works',
    'Files: weights.zip and demo.mov, main.cc and lib.so',
  ])('keeps %s', (text) => {
    expect(strip(text)).toBe(text);
  });

  it('is removed from a grounded answer and counted', () => {
    const grounded = groundAnswer([{ type: 'text', text: 'The top post links evilbare.com for the weights.', citations: null }], new KnownPosts([]), 'end_turn');
    expect(grounded.plainText).toBe('The top post links for the weights.');
    expect(grounded.removedLinks).toBe(1);
  });
});

describe('link search on hostile text', () => {
  // Unbounded repetitions made these cost time quadratic in their length: 40,000 characters of "a." took 4 s.
  it('stays linear: 40,000 characters of each shape in well under a second', () => {
    const started = performance.now();
    for (const unit of ['a.', 'ab.', 'x.x@', '[a](', '<http://x']) strip(unit.repeat(Math.ceil(40_000 / unit.length)));
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

