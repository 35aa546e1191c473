import { describe, expect, it } from 'vitest';
import { entityOf, findTopics, isMeme, mergeTopics, themeOf } from '../../src/analysis/topics.js';
import { makePost } from '../helpers/posts.js';

// Themes by meaning: a small lexicon for the usual themes, memes apart, and one company's names as one.

describe('themeOf', () => {
  it('names the usual themes from the title, then the flair', () => {
    expect(themeOf({ title: '"Will Smith Eating Spaghetti" By Seedance 2.0 Is Mind Blowing!', flair: 'AI' })).toBe('Video and image generation');
    expect(themeOf({ title: 'Atlas the humanoid robot shows off new skills', flair: null })).toBe('Robotics');
    expect(themeOf({ title: 'Train MoE models 12x faster with 30% less memory! (<15GB VRAM)', flair: 'Resources' })).toBe('Hardware and local inference');
    expect(themeOf({ title: '[R] The Post-Transformer Era: State Space Models, Mamba...', flair: 'Research' })).toBe('Research');
    expect(themeOf({ title: 'Another cofounder of xAI has resigned', flair: 'Discussion' })).toBe('Industry and people');
    expect(themeOf({ title: 'Claude Opus 4.6 is out', flair: 'AI' })).toBe('Model releases');
    expect(themeOf({ title: 'Since people posted about it', flair: 'Economics & Society' })).toBe('Industry and people');
    expect(themeOf({ title: 'Accelerate until everything breaks!', flair: 'The Singularity is Near' })).toBeNull();
  });

  it('keeps memes out of the news themes', () => {
    expect(isMeme({ title: 'x', flair: 'Meme' })).toBe(true);
    expect(isMeme({ title: 'x', flair: 'Funny' })).toBe(true);
    expect(isMeme({ title: 'x', flair: 'Discussion' })).toBe(false);
    // The title says it too, without a flair (the public feeds carry none).
    expect(isMeme({ title: 'POV: You ask Opus 4.6 to change a 3 to a 4', flair: null })).toBe(true);
    expect(themeOf({ title: 'POV: You ask Opus 4.6 to change a 3 to a 4', flair: 'Meme' })).toBeNull();
  });
});

describe('mergeTopics', () => {
  it("counts a company's names as one topic, with the union of their posts", () => {
    const posts = [
      makePost({ id: 'a1', title: 'Anthropic declared a plan for Claude to remain ad-free', score: 100 }),
      makePost({ id: 'a2', title: 'Claude Opus 4.6 is out', score: 50 }),
      makePost({ id: 'a3', title: 'Opus 4.6 uncovers zero-day flaws', score: 30 }),
      makePost({ id: 'a4', title: 'Anthropic releases Opus pricing', score: 20 }),
      makePost({ id: 'b1', title: 'Gemma runs on phones', score: 10 }),
      makePost({ id: 'b2', title: 'Gemma fine-tuning guide', score: 10 }),
    ];
    const topics = findTopics(posts);
    expect(topics.map((t) => t.key)).toEqual(expect.arrayContaining(['anthropic', 'claude', 'opus']));
    const merged = mergeTopics(topics, posts);
    const anthropic = merged.filter((t) => ['anthropic', 'claude', 'opus'].includes(t.key));
    expect(anthropic).toHaveLength(1);
    expect(anthropic[0]!.postIds.sort()).toEqual(['a1', 'a2', 'a3', 'a4']);
    expect(anthropic[0]!.score).toBe(200);
    expect(anthropic[0]!.aliases.length).toBeGreaterThan(0);
    expect(merged.find((t) => t.key === 'gemma')?.postIds).toEqual(['b1', 'b2']);
    expect(entityOf('opus')).toBe('anthropic');
    expect(entityOf('seedance')).toBe('bytedance');
    expect(entityOf('mamba')).toBe('mamba');
  });
});
