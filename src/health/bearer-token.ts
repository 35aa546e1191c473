import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

// METRICS_TOKEN: /metrics tells how busy the bot is, what it costs and which models it calls; where it is
// reachable by others (the Slack server, a mapped container port) it can ask for a bearer token.

/**
 * True when `req` carries `Authorization: Bearer <token>`. Both sides are hashed first, so the compare
 * takes the same time whatever the guess (its length included), and the token itself is never logged.
 */
export function carriesBearer(req: IncomingMessage, token: string): boolean {
  const header = req.headers.authorization;
  const given = typeof header === 'string' && /^Bearer /i.test(header) ? header.slice('Bearer '.length).trim() : '';
  return timingSafeEqual(digest(given), digest(token));
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
