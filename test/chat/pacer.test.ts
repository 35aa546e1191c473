import { describe, expect, it } from 'vitest';
import { Pacer } from '../../src/chat/pacer.js';

describe('Pacer', () => {
  it('spaces calls under one key evenly, and keys apart from each other', async () => {
    const pacer = new Pacer(50);
    const started = Date.now();
    const times: number[] = [];
    await Promise.all(Array.from({ length: 11 }, async () => {
      await pacer.wait('a');
      times.push(Date.now() - started);
    }));
    // Eleven calls at 50 a second: the last 200 ms after the first; two in a row never closer than three
    // quarters of the 20 ms (a late timer's lateness is credited, up to that), less a millisecond of rounding;
    // no 100 ms holds more than the rate's 5 and one.
    expect(times.at(-1)!).toBeGreaterThanOrEqual(195);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(14);
    for (let i = 6; i < times.length; i++) expect(times[i]! - times[i - 6]!).toBeGreaterThanOrEqual(100);
    // Another key does not queue behind a busy one.
    const order: string[] = [];
    await Promise.all([...Array.from({ length: 5 }, () => pacer.wait('a').then(() => order.push('a'))), pacer.wait('b').then(() => order.push('b'))]);
    expect(order.indexOf('b')).toBeLessThan(order.lastIndexOf('a'));
  });
});

describe('Pacer priorities, rates and holds', () => {
  it('a call not in the background goes at the next slot, ahead of every background call waiting', async () => {
    const pacer = new Pacer(20);
    const order: string[] = [];
    const background = Array.from({ length: 6 }, (_, i) => pacer.wait('w', { background: true }).then(() => order.push(`pass ${i}`)));
    await new Promise((r) => setTimeout(r, 60)); // two of the pass's calls have gone
    const asked = Date.now();
    await pacer.wait('w').then(() => order.push('answer'));
    // One slot (50 ms) at most, not the four background calls still queued (200 ms).
    expect(Date.now() - asked).toBeLessThan(120);
    await Promise.all(background);
    expect(order.indexOf('answer')).toBeLessThan(4);
    expect(order.filter((o) => o !== 'answer')).toEqual(Array.from({ length: 6 }, (_, i) => `pass ${i}`));
  });

  it('no spacing at Infinity until a key gets its own rate; a hold stops a key until its instant', async () => {
    const pacer = new Pacer(Infinity);
    const started = Date.now();
    await Promise.all(Array.from({ length: 20 }, () => pacer.wait('t')));
    expect(Date.now() - started).toBeLessThan(30);
    pacer.setRate('t', 25);
    expect(pacer.rate('t')).toBe(25);
    expect(pacer.rate('other')).toBe(Infinity);
    pacer.hold('t', Date.now() + 200);
    const held = Date.now();
    await Promise.all(Array.from({ length: 3 }, () => pacer.wait('t')));
    // 200 ms held, then three at 25 a second (40 ms apart).
    expect(Date.now() - held).toBeGreaterThanOrEqual(270);
    await pacer.wait('other');
  });
});
