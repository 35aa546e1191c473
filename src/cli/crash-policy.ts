import type { Logger } from '../log.js';

// What a running bot does with an error nobody caught. A promise that failed with nobody waiting for it
// is one request or event gone wrong (a chat SDK's handler, as Bolt's receiver once did with a `null`
// body): the process logs it with its stack and carries on, so Discord, Slack, the morning posts and
// /healthz stay up. A synchronous throw out of a callback leaves the program in an unknown state: it is
// logged as fatal and Node's own handling goes on (the process exits with code 1, and the service
// manager or orchestrator restarts it): a real crash is never hidden.

type ProcessEvents = Pick<NodeJS.Process, 'on' | 'off'>;

/** Installs the policy for as long as the bot runs; returns what removes it again. */
export function installCrashPolicy(log: Logger, proc: ProcessEvents = process): () => void {
  const rejected = (reason: unknown) => {
    log.error({ err: describe(reason) }, 'a promise failed with nobody waiting for it (a bug in the bot or a library); that request is lost, the bot carries on');
  };
  const crashed = (error: Error, origin: string) => {
    log.fatal({ err: describe(error), origin }, 'uncaught exception: the bot stops (exit code 1); its service manager should restart it');
  };
  proc.on('unhandledRejection', rejected);
  // The monitor only watches: Node still prints the error and exits, as without it.
  proc.on('uncaughtExceptionMonitor', crashed);
  return () => {
    proc.off('unhandledRejection', rejected);
    proc.off('uncaughtExceptionMonitor', crashed);
  };
}

function describe(reason: unknown): { message: string; stack?: string } {
  return reason instanceof Error ? { message: reason.message, stack: reason.stack } : { message: String(reason) };
}
