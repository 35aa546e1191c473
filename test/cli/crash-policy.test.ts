import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { installCrashPolicy } from '../../src/cli/crash-policy.js';
import { memoryLog } from '../helpers/memory-log.js';

// The running bot's policy for errors nobody caught, on a stand-in for `process`: a failed promise is
// logged and the bot goes on; an uncaught exception is logged as fatal and left to Node (which exits).

describe('installCrashPolicy', () => {
  it('logs an unhandled rejection with its stack, logs an uncaught exception as fatal, and is removed again', async () => {
    const proc = new EventEmitter() as EventEmitter & Pick<NodeJS.Process, 'on' | 'off'>;
    const { log, lines } = memoryLog();
    const remove = installCrashPolicy(log, proc);
    proc.emit('unhandledRejection', new TypeError("Cannot read properties of null (reading 'ssl_check')"));
    proc.emit('uncaughtExceptionMonitor', new Error('boom'), 'uncaughtException');
    expect(lines()).toEqual([
      expect.objectContaining({ level: 50, msg: expect.stringMatching(/nobody waiting for it.*carries on/), err: expect.objectContaining({ message: expect.stringMatching(/ssl_check/), stack: expect.stringMatching(/TypeError/) }) }),
      expect.objectContaining({ level: 60, origin: 'uncaughtException', msg: expect.stringMatching(/the bot stops \(exit code 1\)/) }),
    ]);
    remove();
    expect(proc.listenerCount('unhandledRejection')).toBe(0);
    expect(proc.listenerCount('uncaughtExceptionMonitor')).toBe(0);
  });
});
