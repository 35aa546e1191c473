import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';

// ANTHROPIC_FOLLOWUP_MODEL: the model for follow-up answers, the analysis model unless set.

describe('ANTHROPIC_FOLLOWUP_MODEL', () => {
  it('defaults to the analysis model, and is its own model when set', () => {
    expect(loadConfig({ ANTHROPIC_API_KEY: 'k' }, '0').claude).toMatchObject({ model: 'claude-sonnet-5-5', followupModel: 'claude-sonnet-5-5' });
    expect(loadConfig({ ANTHROPIC_API_KEY: 'k', ANTHROPIC_MODEL: 'claude-opus-5-5' }, '0').claude!.followupModel).toBe('claude-opus-5-5');
    expect(loadConfig({ ANTHROPIC_API_KEY: 'k', ANTHROPIC_FOLLOWUP_MODEL: 'claude-haiku-5-5' }, '0').claude).toMatchObject({ model: 'claude-sonnet-5-5', followupModel: 'claude-haiku-5-5' });
  });

  it('a value that is no model id stops start-up naming the variable', () => {
    expect(() => loadConfig({ ANTHROPIC_API_KEY: 'k', ANTHROPIC_FOLLOWUP_MODEL: 'Haiku please!' }, '0')).toThrow(/^ANTHROPIC_FOLLOWUP_MODEL: a model id such as claude-haiku-5-5/);
  });
});
