import type { Logger } from '../log.js';
import type { App } from '../main.js';

/** What a CLI command may touch: its streams, the clock, and a way to open the wired app. */
export interface CliContext {
  /** `isTTY` tells an interactive terminal from a script or CI pipe. */
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream;
  /** `isTTY`: a person watching (a progress line is drawn), not a pipe or a log file. */
  stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  clock: () => Date;
  /** `observe`: count metrics, if the config serves them (HEALTH_PORT, the Slack HTTP port). */
  /** `notice`: where one-line notices go (a fallback, a refused key); the command's default otherwise (AppOptions). */
  openApp(options: { sample: boolean; observe?: boolean; notice?: (line: string) => void }): Promise<App>;
  log: Logger;
  /** Resolves with the signal's name when the process is asked to stop (SIGINT, SIGTERM). */
  stopSignal(): Promise<string>;
}
