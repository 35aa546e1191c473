import { MissingCredentialsError, type App } from '../main.js';
import { loadSample } from '../sample/sample.js';
import type { CliContext } from './context.js';

/**
 * The live app (Reddit credentials set), else the bundled sample's, saying so once on stderr and in
 * the log; `forceSample` (--sample) skips the live one. A new user sees the whole product at once.
 */
export async function openLiveOrSample(context: CliContext, forceSample = false): Promise<{ app: App; sample: boolean }> {
  if (forceSample) return { app: await context.openApp({ sample: true }), sample: true };
  try {
    return { app: await context.openApp({ sample: false }), sample: false };
  } catch (error) {
    if (!(error instanceof MissingCredentialsError)) throw error;
    const day = loadSample().now.toISOString().slice(0, 10);
    context.stderr.write(`No Reddit credentials set: using the bundled sample of ${day} (see README to connect Reddit).\n`);
    context.log.info({ sampleDay: day }, 'no Reddit credentials: serving the bundled sample day');
    return { app: await context.openApp({ sample: true }), sample: true };
  }
}
