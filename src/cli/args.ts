import { accessSync, constants, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { checkDay } from '../time/day.js';

// Command-line parsing with one clear line for every mistake.

export class UsageError extends Error {
  override name = 'UsageError';
}

const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/;

/** Reddit opened in June 2005: no report can be about a day before it. */
const REDDIT_START = Date.parse('2005-06-23T00:00:00Z');
/** Clocks disagree a little; a --now this far ahead of ours is still "now". */
const CLOCK_SKEW_MS = 60_000;

/**
 * `--now`: an ISO 8601 date and time; without a zone it is read as UTC. Never in the future (of
 * `wallClock`, beyond a minute of skew) nor before Reddit existed: such a day has no posts to report.
 */
export function parseNow(value: string | undefined, fallback: Date, wallClock: Date = fallback, futureReason = 'a report can only be built for a time that has come'): Date {
  if (value === undefined) return fallback;
  const withZone = /(Z|[+-]\d{2}:\d{2})$/.test(value) ? value : `${value}Z`;
  const date = new Date(withZone);
  if (!isoInstant.test(value) || Number.isNaN(date.getTime()) || !checkDay(value.slice(0, 10)).ok) {
    throw new UsageError(`--now must be an ISO 8601 date and time such as 2026-02-11T08:00:00Z (got "${value.slice(0, 40)}")`);
  }
  if (date.getTime() > wallClock.getTime() + CLOCK_SKEW_MS) throw new UsageError(`--now ${value} is in the future: ${futureReason}`);
  if (date.getTime() < REDDIT_START) throw new UsageError(`--now ${value} is before Reddit existed (June 2005)`);
  return date;
}

/** A path a file can be written to: not a directory, in a directory that exists and is writable. */
export function checkWritableFile(option: string, path: string): void {
  const full = resolve(path);
  try {
    if (statSync(full).isDirectory()) throw new UsageError(`${option} ${path} is a directory; give a file name such as ${path.replace(/\/+$/, '')}/report.md`);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    // Not there yet: fine, it will be created.
  }
  try {
    accessSync(dirname(full), constants.W_OK);
  } catch {
    throw new UsageError(`${option} ${path}: the directory ${dirname(full)} does not exist or is not writable`);
  }
}

export function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${name} must be one of ${allowed.join(', ')} (got "${value}")`);
}
