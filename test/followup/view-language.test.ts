import { describe, expect, it } from 'vitest';
import { OPENAI_SYSTEM_PROMPT } from '../../src/followup/openai-prompt.js';
import { SYSTEM_PROMPT } from '../../src/followup/prompt.js';
import { reportDigest, reportTag } from '../../src/followup/sources.js';
import type { Report } from '../../src/models.js';
import { loadSample } from '../../src/sample/sample.js';

// A view's channel chose a language (issue 20): follow-up answers in its thread are asked in it, through
// the <report> tag both providers send, which their fixed system prompts tell the model to follow.

const day = { date: '2026-02-11' } as const;

describe('the language of a view in follow-up prompts', () => {
  it('the <report> tag names the view language; the day report and a view without one name none', () => {
    expect(reportTag({ ...day, view: { key: 'k', language: 'pt-BR' } })).toBe('<report date="2026-02-11" language="pt-BR">');
    expect(reportTag(day)).toBe('<report date="2026-02-11">');
    expect(reportTag({ ...day, view: { key: 'k', communities: ['LocalLLaMA'] } })).toBe('<report date="2026-02-11">');
  });

  it('never puts anything but a language tag in the attribute', () => {
    expect(reportTag({ ...day, view: { key: 'k', language: 'en"><x' } })).toBe('<report date="2026-02-11">');
  });

  it('both system prompts answer in the language the tag names, else the user’s', () => {
    for (const prompt of [SYSTEM_PROMPT, OPENAI_SYSTEM_PROMPT]) expect(prompt).toMatch(/language the <report> tag names .* otherwise in the language the user writes in/);
  });

  it("the Claude digest of a pt-BR view's report opens with the tag", () => {
    const sample = loadSample();
    const report = { date: sample.now.toISOString().slice(0, 10), generatedAt: sample.now.toISOString(), sections: { today: [], week: [], month: [], communities: [] }, warnings: [], view: { key: 'k', language: 'pt-BR' } } as unknown as Report;
    expect(reportDigest(report)).toMatch(/^<report date="2026-02-11" language="pt-BR">/);
  });
});
