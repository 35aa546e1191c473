import pino, { type Logger } from 'pino';

/** Structured logs on stderr (stdout belongs to the report). Secrets are redacted wherever they appear. */
export function createLogger(level: string): Logger {
  return pino(
    {
      level,
      base: { app: 'ai-trends' },
      redact: { paths: ['*.token', '*.apiKey', '*.clientSecret', '*.authorization', 'headers.authorization'], censor: '[redacted]' },
    },
    pino.destination(2),
  );
}

export type { Logger };
