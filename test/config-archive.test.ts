import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';

// REDDIT_ARCHIVE and ARCTIC_SHIFT_BASE: the optional archive enrichment, off unless asked for.

describe('REDDIT_ARCHIVE', () => {
  it('is off by default and with off', () => {
    expect(loadConfig({}, '0').reddit.archive).toBeUndefined();
    expect(loadConfig({ REDDIT_ARCHIVE: 'off', ARCTIC_SHIFT_BASE: 'http://127.0.0.1:1' }, '0').reddit.archive).toBeUndefined();
  });

  it('arctic-shift reads Arctic Shift at its public address, or at ARCTIC_SHIFT_BASE', () => {
    expect(loadConfig({ REDDIT_ARCHIVE: 'arctic-shift' }, '0').reddit.archive).toEqual({ name: 'arctic-shift', base: 'https://arctic-shift.photon-reddit.com' });
    expect(loadConfig({ REDDIT_ARCHIVE: 'arctic-shift', ARCTIC_SHIFT_BASE: 'http://127.0.0.1:8080/' }, '0').reddit.archive).toEqual({ name: 'arctic-shift', base: 'http://127.0.0.1:8080' });
  });

  it('another value stops start-up naming the variable and the values it accepts', () => {
    expect(() => loadConfig({ REDDIT_ARCHIVE: 'pushshift' }, '0')).toThrow(/^REDDIT_ARCHIVE: arctic-shift .* or off$/);
    expect(() => loadConfig({ REDDIT_ARCHIVE: 'arctic-shift', ARCTIC_SHIFT_BASE: 'ftp://x' }, '0')).toThrow(/^ARCTIC_SHIFT_BASE: /);
  });
});
