import { createRequire } from 'node:module';
import pino, { type DestinationStream, type Logger } from 'pino';

/** `json`: one pino JSON object a line, for machines; `pretty`: pino-pretty, for a person at a terminal. */
export type LogFormat = 'json' | 'pretty';

/**
 * LOG_FORMAT unset: readable lines when a person watches stderr (a terminal), JSON when it goes to a file,
 * a pipe, a container's log driver or a service manager's journal (what log collectors parse).
 */
export function defaultLogFormat(stderr: { isTTY?: boolean }): LogFormat {
  return stderr.isTTY === true ? 'pretty' : 'json';
}

export interface LoggerOptions {
  format?: LogFormat;
  /** Where the lines go: a file descriptor (default 2, stderr: stdout belongs to the report) or a stream. */
  destination?: number | NodeJS.WritableStream;
  /** Loads pino-pretty; replaced in tests to play an install without it. */
  loadPretty?: () => PrettyFactory;
}

type PrettyFactory = (options: Record<string, unknown>) => DestinationStream;

const require = createRequire(import.meta.url);
let missingPrettyTold = false;

/** Structured logs on stderr (stdout belongs to the report). Secrets are redacted wherever they appear. */
export function createLogger(level: string, options: LoggerOptions = {}): Logger {
  const to = options.destination ?? 2;
  const pretty = options.format === 'pretty' ? prettyStream(to, options.loadPretty) : undefined;
  const log = pino(
    {
      level,
      base: { app: 'ai-trends' },
      redact: { paths: ['*.token', '*.apiKey', '*.clientSecret', '*.authorization', 'headers.authorization'], censor: '[redacted]' },
    },
    // The JSON destination only when it is the one written to (a SonicBoom holds its file descriptor).
    pretty ?? (typeof to === 'number' ? pino.destination(to) : (to as DestinationStream)),
  );
  // pino-pretty is an optional dependency (`npm install --omit=optional` leaves it out): say so once, keep JSON.
  if (options.format === 'pretty' && !pretty && !missingPrettyTold) {
    missingPrettyTold = true;
    log.warn('LOG_FORMAT=pretty needs the optional package pino-pretty, which is not installed: logging JSON (npm install pino-pretty)');
  }
  return log;
}

/** pino-pretty writing in-process (no worker thread, so nothing is lost at exit), or undefined when it is missing. */
function prettyStream(to: number | NodeJS.WritableStream, loadPretty = () => require('pino-pretty') as PrettyFactory): DestinationStream | undefined {
  let factory: PrettyFactory;
  try {
    factory = loadPretty();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND') return undefined;
    throw error;
  }
  // Colours only for a terminal: a pretty log piped to a file stays plain text.
  const colorize = to === 2 && Boolean(process.stderr.isTTY);
  return factory({ destination: to, sync: true, colorize, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,app' });
}

export type { Logger };
