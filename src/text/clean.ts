import { decodeEntities } from './entities.js';
import { neutraliseMentions } from './mentions.js';
import { oneLine } from './visible.js';

// The one cleaning step every renderer applies to untrusted text (Reddit titles, flair, community names,
// model prose, what a user typed) before giving it a target's syntax: one line, entities decoded, no
// control characters (C0 or C1: ESC/CSI sequences could move a terminal's cursor), no bidi overrides or
// isolates (they can make "moc.live" read as "evil.com"), and nothing that pings.

const displayControls = /[\u0080-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Strips C1 controls, bidi marks, overrides and isolates; keeps everything a reader should see. */
export function stripDisplayControls(value: string): string {
  return value.replace(displayControls, '');
}

/** Untrusted text as one inert, visible line. */
export function displayText(value: string): string {
  return neutraliseMentions(stripDisplayControls(oneLine(decodeEntities(value))));
}
