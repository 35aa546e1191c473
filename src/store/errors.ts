// The store failing, said so an operator knows which setting and which file, and what to do.

export class StoreError extends Error {
  override name = 'StoreError';

  constructor(
    message: string,
    /** What a chat user is told (they cannot fix the store; an admin can). */
    readonly forUsers = 'the bot could not read its stored data; an admin should look at its logs',
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
