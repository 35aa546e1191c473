import { describe, expect, it } from 'vitest';
import { oneLine, truncateVisible } from '../../src/text/visible.js';

const graphemes = (text: string) => Array.from(new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(text)).length;

describe('oneLine', () => {
  it('turns newlines, carriage returns and tabs into single spaces', () => {
    expect(oneLine('first line\nsecond\r\nthird\tfourth')).toBe('first line second third fourth');
    expect(oneLine('a \n\n\t b')).toBe('a b');
  });

  it('turns no-break and Unicode line/paragraph separators into ordinary spaces', () => {
    expect(oneLine('iGPU.\u00a0No d')).toBe('iGPU. No d');
    expect(oneLine('a\u2028b\u2029c')).toBe('a b c');
  });

  it('drops zero-width characters and other control characters', () => {
    expect(oneLine('zero\u200bwidth\ufeff')).toBe('zerowidth');
    expect(oneLine('bell\u0007 char\u007f')).toBe('bell char');
  });

  it('keeps zero-width joiners, which hold emoji sequences and some scripts together', () => {
    const dev = '\u{1F468}\u200d\u{1F4BB}'; // 👨‍💻
    expect(oneLine(`I am a ${dev}`)).toBe(`I am a ${dev}`);
    expect(graphemes(oneLine(dev))).toBe(1);
    expect(oneLine('\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645')).toBe('\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645'); // Persian ZWNJ
  });

  it('drops a control character without leaving a double space', () => {
    expect(oneLine('a \u0007 b')).toBe('a b');
    expect(oneLine('a\u0000b\u001bc')).toBe('abc');
  });

  it('trims and collapses repeated spaces', () => {
    expect(oneLine('  Seedance 2.0,  absolutely insane!  ')).toBe('Seedance 2.0, absolutely insane!');
  });
});

describe('truncateVisible', () => {
  const ascii = (n: number) => 'abcdefghij'.repeat(10).slice(0, n);

  it('keeps a title of exactly 60 characters whole', () => {
    expect(truncateVisible(ascii(60), 60)).toBe(ascii(60));
    expect(truncateVisible(ascii(59), 60)).toBe(ascii(59));
  });

  it('cuts a title of 61 characters to its first 57 and "..."', () => {
    const cut = truncateVisible(ascii(61), 60);
    expect(cut).toBe(ascii(57) + '...');
    expect(cut).toHaveLength(60);
  });

  it('counts an emoji as one character, even when it is several code points', () => {
    const family = '\u{1F469}\u200d\u{1F469}\u200d\u{1F467}'; // 👩‍👩‍👧: 8 UTF-16 code units
    const flag = '\u{1F1EB}\u{1F1F7}'; // 🇫🇷
    const thumbs = '\u{1F44D}\u{1F3FD}'; // 👍🏽
    const sixty = ascii(57) + family + flag + thumbs;
    expect(sixty.length).toBeGreaterThan(60);
    expect(truncateVisible(sixty, 60)).toBe(sixty);

    const sixtyOne = family.repeat(61);
    const cut = truncateVisible(sixtyOne, 60);
    expect(cut).toBe(family.repeat(57) + '...');
    expect(graphemes(cut)).toBe(60);
  });

  it('counts a letter with combining accents as one character and never splits it', () => {
    const e = 'e\u0301'; // é as e + combining acute
    const sixty = e.repeat(60);
    expect(truncateVisible(sixty, 60)).toBe(sixty);
    const cut = truncateVisible(e.repeat(61), 60);
    expect(cut).toBe(e.repeat(57) + '...');
    const mixed = ascii(56) + 'a\u0308\u0301' + 'zzzz'; // 61 graphemes, the 57th with two marks
    expect(truncateVisible(mixed, 60)).toBe(ascii(56) + 'a\u0308\u0301...');
  });

  it('does not split a surrogate pair', () => {
    const cut = truncateVisible('\u{1F600}'.repeat(70), 60);
    expect(cut).toBe('\u{1F600}'.repeat(57) + '...');
    expect(cut).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/); // no lone surrogate
  });
});
