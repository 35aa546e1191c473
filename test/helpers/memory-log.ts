import { Writable } from 'node:stream';
import type { Logger } from 'pino';
import { createLogger } from '../../src/log.js';

// A real (pino) logger whose lines stay in memory, for tests that check what the operator is told.

export interface MemoryLog {
  log: Logger;
  /** Every line so far, parsed. */
  lines(): Array<Record<string, unknown>>;
  /** Every line so far as one text, for a quick `toContain`. */
  text(): string;
}

export function memoryLog(level = 'info'): MemoryLog {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return {
    log: createLogger(level, { destination: stream }),
    lines: () => text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>),
    text: () => text,
  };
}
