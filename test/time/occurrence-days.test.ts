import { describe, expect, it } from 'vitest';
import type { Subscription } from '../../src/store/records.js';
import { dueOccurrences, firstLook, nextOccurrence } from '../../src/time/occurrence.js';

// Issue 20's `days`: weekdays, a list, weekly:mon; by the channel's local calendar, across DST changes.

const sub = (fields: Partial<Subscription>): Subscription => ({
  target: { platform: 'slack', workspaceId: 'T1', channelId: 'C1' },
  time: '08:00',
  timezone: 'Europe/Berlin',
  sections: ['summary'],
  createdBy: 'U1',
  createdAt: '2026-03-20T00:00:00Z',
  ...fields,
});

/** The next `count` posts after `from`, as the pass walks them (each look after the last post). */
function posts(subscription: Subscription, from: string, count: number): string[] {
  const out: string[] = [];
  let now = new Date(from);
  for (let i = 0; i < count; i++) {
    const next = nextOccurrence(subscription, now);
    out.push(next.dueAt.toISOString());
    now = next.dueAt;
  }
  return out;
}

describe('days', () => {
  it('weekdays across the spring DST change in Berlin (Sunday 2026-03-29): 08:00 local every Monday to Friday', () => {
    expect(posts(sub({ days: 'weekdays' }), '2026-03-26T12:00:00Z', 5)).toEqual([
      '2026-03-27T07:00:00.000Z', // Fri, CET
      '2026-03-30T06:00:00.000Z', // Mon, CEST: the weekend skipped, the hour moved
      '2026-03-31T06:00:00.000Z',
      '2026-04-01T06:00:00.000Z',
      '2026-04-02T06:00:00.000Z',
    ]);
  });

  it('weekly:mon across the autumn DST change in New York (Sunday 2026-11-01): one post a week, Monday 08:00 local', () => {
    const weekly = sub({ days: 'weekly:mon', timezone: 'America/New_York' });
    expect(posts(weekly, '2026-10-20T00:00:00Z', 3)).toEqual(['2026-10-26T12:00:00.000Z', '2026-11-02T13:00:00.000Z', '2026-11-09T13:00:00.000Z']);
  });

  it('mon,wed,fri: only those days, and nothing owed on the others', () => {
    const listed = sub({ days: 'mon,wed,fri' });
    expect(posts(listed, '2026-03-23T00:00:00Z', 4).map((d) => new Date(d).getUTCDay())).toEqual([1, 3, 5, 1]);
    // Tuesday 2026-03-24 09:00 Berlin: Monday's post is yesterday's (owed), Tuesday's is not owed at all.
    expect(dueOccurrences(listed, new Date('2026-03-24T09:00:00Z')).map((o) => o.localDate)).toEqual(['2026-03-23']);
  });

  it('a weekend post for weekdays is never owed, and the first look skips to Monday', () => {
    const weekdays = sub({ days: 'weekdays', createdAt: '2026-03-28T10:00:00Z' });
    expect(dueOccurrences(weekdays, new Date('2026-03-29T12:00:00Z'))).toEqual([]);
    expect(new Date(firstLook(weekdays)).toISOString()).toBe('2026-03-30T06:00:00.000Z');
  });

  it('without days (an older record): every day, as before', () => {
    expect(posts(sub({}), '2026-03-27T12:00:00Z', 3)).toEqual(['2026-03-28T07:00:00.000Z', '2026-03-29T06:00:00.000Z', '2026-03-30T06:00:00.000Z']);
  });
});
