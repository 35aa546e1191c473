import { describe, expect, it } from 'vitest';
import { DAY_MS, isWithin, utcDate, windows } from '../../src/report/windows.js';
import { ago, DAY, NOW } from '../helpers/posts.js';

describe('windows', () => {
  it('are 24 hours, 7 days and 30 days', () => {
    expect(windows.today).toBe(DAY);
    expect(windows.week).toBe(7 * DAY);
    expect(windows.month).toBe(30 * DAY);
    expect(DAY_MS).toBe(DAY);
  });

  describe.each(Object.entries(windows))('isWithin %s: (now - span, now]', (_name, span) => {
    it('excludes exactly now - span', () => expect(isWithin(ago(span), NOW, span)).toBe(false));
    it('includes one millisecond later', () => expect(isWithin(ago(span - 1), NOW, span)).toBe(true));
    it('includes exactly now', () => expect(isWithin(NOW.toISOString(), NOW, span)).toBe(true));
    it('excludes anything after now', () => {
      expect(isWithin(ago(-1), NOW, span)).toBe(false);
      expect(isWithin(ago(-DAY), NOW, span)).toBe(false);
    });
    it('excludes anything older than the span', () => expect(isWithin(ago(span + 1), NOW, span)).toBe(false));
  });

  it('never lets an unparseable time into a window', () => {
    expect(isWithin('not a date', NOW, windows.month)).toBe(false);
  });

  it('compares instants, not strings: an offset time is converted to UTC first', () => {
    // 2026-02-10T23:30-08:00 is 2026-02-11T07:30Z, half an hour before NOW.
    expect(isWithin('2026-02-10T23:30:00-08:00', NOW, windows.today)).toBe(true);
    // 2026-02-11T09:00+02:00 is 07:00Z: inside, although its local clock reads after NOW.
    expect(isWithin('2026-02-11T09:00:00+02:00', NOW, windows.today)).toBe(true);
    // 2026-02-11T01:00-08:00 is 09:00Z: in the future.
    expect(isWithin('2026-02-11T01:00:00-08:00', NOW, windows.today)).toBe(false);
  });

  it('utcDate is the UTC calendar day, whatever the offset it was written with', () => {
    expect(utcDate(new Date('2026-02-11T23:59:59.999Z'))).toBe('2026-02-11');
    expect(utcDate(new Date('2026-02-11T00:00:00Z'))).toBe('2026-02-11');
    expect(utcDate(new Date('2026-02-11T20:00:00-08:00'))).toBe('2026-02-12');
  });
});
