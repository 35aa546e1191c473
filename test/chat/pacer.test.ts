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
    // Eleven calls at 50 a second: the last 200 ms after the first, none closer than ~20 ms.
    expect(times.at(-1)!).toBeGreaterThanOrEqual(195);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(15);
    // Another key does not queue behind a busy one.
    const order: string[] = [];
    await Promise.all([...Array.from({ length: 5 }, () => pacer.wait('a').then(() => order.push('a'))), pacer.wait('b').then(() => order.push('b'))]);
    expect(order.indexOf('b')).toBeLessThan(order.lastIndexOf('a'));
  });
});
