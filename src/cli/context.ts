import type { App } from '../main.js';

/** What a CLI command may touch: its streams, the clock, and a way to open the wired app. */
export interface CliContext {
  /** `isTTY` tells an interactive terminal from a script or CI pipe. */
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  clock: () => Date;
  openApp(options: { sample: boolean }): Promise<App>;
}
