/** A value as someone typed it, checked: the value to keep, or a message that says what would be accepted. */
export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };
