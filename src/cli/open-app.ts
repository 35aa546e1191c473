import type { App } from '../main.js';
import { sampleNow } from '../sample/sample.js';
import type { CliContext } from './context.js';

/**
 * The app every command opens, by one rule (README "Reddit"): the source ladder REDDIT_SOURCE asks for
 * (the API with keys, else Reddit's public feeds, then the stale day or the bundled sample when today's
 * posts cannot be collected), or the bundled sample with `--sample` or REDDIT_SOURCE=sample, said once on
 * stderr and in the log. REDDIT_SOURCE=api without keys never gets here: the configuration refuses it.
 */
export async function openLiveOrSample(context: CliContext, forceSample = false): Promise<{ app: App; sample: boolean }> {
  if (forceSample) return { app: await context.openApp({ sample: true }), sample: true };
  const app = await context.openApp({ sample: false });
  if (app.sample) {
    const day = sampleNow().toISOString().slice(0, 10);
    context.stderr.write(`REDDIT_SOURCE=sample: using the bundled sample of ${day} (see README "Reddit" to read Reddit itself).\n`);
    context.log.info({ sampleDay: day }, 'REDDIT_SOURCE=sample: serving the bundled sample day');
  }
  return { app, sample: app.sample };
}
