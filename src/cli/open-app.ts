import { MissingCredentialsError, type App } from '../main.js';
import { loadSample } from '../sample/sample.js';
import type { CliContext } from './context.js';

/**
 * The live app (the source ladder: the API with credentials, else Reddit's public feeds), else the bundled
 * sample's, saying so once on stderr and in the log: with REDDIT_SOURCE=sample, or REDDIT_SOURCE=api without
 * credentials. `forceSample` (--sample) skips the live one. A new user sees the whole product at once.
 */
export async function openLiveOrSample(context: CliContext, forceSample = false): Promise<{ app: App; sample: boolean }> {
  if (forceSample) return { app: await context.openApp({ sample: true }), sample: true };
  const day = () => loadSample().now.toISOString().slice(0, 10);
  try {
    const app = await context.openApp({ sample: false });
    if (app.sample) {
      context.stderr.write(`REDDIT_SOURCE=sample: using the bundled sample of ${day()} (see README "Reddit" to read Reddit itself).\n`);
      context.log.info({ sampleDay: day() }, 'REDDIT_SOURCE=sample: serving the bundled sample day');
    }
    return { app, sample: app.sample };
  } catch (error) {
    if (!(error instanceof MissingCredentialsError)) throw error;
    context.stderr.write(`REDDIT_SOURCE=api but no Reddit credentials are set: using the bundled sample of ${day()} (see README "Reddit").\n`);
    context.log.info({ sampleDay: day() }, 'REDDIT_SOURCE=api without credentials: serving the bundled sample day');
    return { app: await context.openApp({ sample: true }), sample: true };
  }
}
