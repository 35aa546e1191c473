import { describe, expect, it } from 'vitest';
import { addDays, localDate, localTimeInstant, zoneOffset } from '../../src/time/local-time.js';

// A local HH:MM on a local date, as an instant, on the days a clock jumps.

const at = (date: string, time: string, zone: string) => localTimeInstant(date, time, zone).toISOString();

describe('localTimeInstant', () => {
  it('plain days: Berlin in winter and summer, Kolkata at +05:30, UTC', () => {
    expect(at('2026-02-11', '08:00', 'Europe/Berlin')).toBe('2026-02-11T07:00:00.000Z');
    expect(at('2026-07-01', '08:00', 'Europe/Berlin')).toBe('2026-07-01T06:00:00.000Z');
    expect(at('2026-02-11', '07:00', 'Asia/Kolkata')).toBe('2026-02-11T01:30:00.000Z');
    expect(at('2026-02-11', '00:15', 'Asia/Kolkata')).toBe('2026-02-10T18:45:00.000Z');
    expect(at('2026-02-11', '23:59', 'UTC')).toBe('2026-02-11T23:59:00.000Z');
  });

  it('America/New_York: 02:30 does not exist on 2026-03-08 → 03:00 EDT; 01:30 twice on 2026-11-01 → the first', () => {
    expect(at('2026-03-08', '02:30', 'America/New_York')).toBe('2026-03-08T07:00:00.000Z');
    expect(at('2026-03-08', '02:00', 'America/New_York')).toBe('2026-03-08T07:00:00.000Z');
    expect(at('2026-03-08', '03:00', 'America/New_York')).toBe('2026-03-08T07:00:00.000Z');
    expect(at('2026-03-08', '01:59', 'America/New_York')).toBe('2026-03-08T06:59:00.000Z');
    expect(at('2026-11-01', '01:30', 'America/New_York')).toBe('2026-11-01T05:30:00.000Z'); // EDT, not 06:30Z EST
    expect(at('2026-11-01', '08:00', 'America/New_York')).toBe('2026-11-01T13:00:00.000Z');
  });

  it('Europe/Berlin: 02:30 on 2026-03-29 → 03:00 CEST; 02:30 twice on 2026-10-25 → the first', () => {
    expect(at('2026-03-29', '02:30', 'Europe/Berlin')).toBe('2026-03-29T01:00:00.000Z');
    expect(at('2026-10-25', '02:30', 'Europe/Berlin')).toBe('2026-10-25T00:30:00.000Z');
  });

  it('Australia/Lord_Howe (a 30-minute DST): 02:15 on 2026-10-04 → 02:30; 01:45 twice on 2026-04-05 → the first', () => {
    expect(zoneOffset(Date.parse('2026-07-01T00:00:00Z'), 'Australia/Lord_Howe')).toBe(10.5 * 3_600_000);
    expect(zoneOffset(Date.parse('2026-12-01T00:00:00Z'), 'Australia/Lord_Howe')).toBe(11 * 3_600_000);
    // The clock goes from 01:59:59 +10:30 (15:29:59Z on the 3rd) to 02:30 +11.
    expect(at('2026-10-04', '02:15', 'Australia/Lord_Howe')).toBe('2026-10-03T15:30:00.000Z');
    expect(at('2026-10-04', '02:30', 'Australia/Lord_Howe')).toBe('2026-10-03T15:30:00.000Z');
    // 02:00 +11 becomes 01:30 +10:30: 01:45 comes first at 14:45Z, again at 15:15Z.
    expect(at('2026-04-05', '01:45', 'Australia/Lord_Howe')).toBe('2026-04-04T14:45:00.000Z');
  });
});

describe('localDate', () => {
  it('is the calendar date on the local wall clock', () => {
    expect(localDate(new Date('2026-02-11T23:30:00Z'), 'Asia/Kolkata')).toBe('2026-02-12');
    expect(localDate(new Date('2026-02-11T03:00:00Z'), 'America/New_York')).toBe('2026-02-10');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});
