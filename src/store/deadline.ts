// A promise that settles by a deadline: with the work's own result, or with `late()` once `ms` have
// passed. The work itself is not stopped (a backend may still finish it); whoever waits stops waiting.
// A Redis that has gone away queues commands until it is back, and a server that accepts connections but
// never answers holds them for ever: without a deadline a chat command waited silently for either.

export function withDeadline<T>(work: Promise<T>, ms: number, late: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(late()), ms);
  });
  // race() listens to `work` too, so a failure it meets after the deadline is not an unhandled rejection.
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
