import { parseArgs, type ParseArgsConfig } from 'node:util';
import { checkDay } from '../time/day.js';

// Command-line parsing with one clear line for every mistake.

export class UsageError extends Error {
  override name = 'UsageError';
}

type Options = NonNullable<ParseArgsConfig['options']>;

export function parseOptions<T extends Options>(args: string[], options: T, usage: string) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: true });
  } catch (error) {
    const message = error instanceof Error ? error.message.replace(/\. To specify a positional argument.*$/s, '') : String(error);
    throw new UsageError(`${message.replace(/\.$/, '')}. Usage: ${usage}`);
  }
}

const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/;

/** `--now`: an ISO 8601 date and time; without a zone it is read as UTC. */
export function parseNow(value: string | undefined, fallback: Date): Date {
  if (value === undefined) return fallback;
  const withZone = /(Z|[+-]\d{2}:\d{2})$/.test(value) ? value : `${value}Z`;
  const date = new Date(withZone);
  if (!isoInstant.test(value) || Number.isNaN(date.getTime()) || !checkDay(value.slice(0, 10)).ok) {
    throw new UsageError(`--now must be an ISO 8601 date and time such as 2026-02-11T08:00:00Z (got "${value}")`);
  }
  return date;
}

export function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${name} must be one of ${allowed.join(', ')} (got "${value}")`);
}
