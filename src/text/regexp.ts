/** `text` as a literal inside a regular expression (a label, a name, a word someone typed). */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
