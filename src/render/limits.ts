// Every chat target's hard limits in one table, so the renderers, the splitter, deliver and stream all
// agree (numbers from PLATFORM-FACTS: Discord messages 2,000 characters and thread names 100; Slack 50
// blocks, section text 3,000, headers 150, and `msg_blocks_too_long` near 13,200 characters of blocks).

export interface TargetLimits {
  /** The most characters of text in one message (Slack: summed over its blocks). */
  messageChars: number;
  /** A streamed draft grows to at most this before it continues in a new message (room for "…"). */
  draftChars: number;
  /** Thread names, where threads have names. */
  threadNameChars: number;
  /** The shortest pause between two edits of one message (Discord limits edits per channel). */
  editIntervalMs: number;
  /** Whether a posted message can be edited (a terminal cannot take back what it printed). */
  canEdit: boolean;
  /** Slack only: blocks per message, characters per section and header. */
  blocks?: number;
  sectionChars?: number;
  headerChars?: number;
}

export const targetLimits = {
  discord: { messageChars: 2000, draftChars: 1900, threadNameChars: 100, editIntervalMs: 1500, canEdit: true },
  // 12,000 leaves room under the observed 13,200 for block JSON overhead; fallback text is separate.
  slack: { messageChars: 12_000, draftChars: 3500, threadNameChars: 0, editIntervalMs: 1000, canEdit: true, blocks: 50, sectionChars: 3000, headerChars: 150 },
  console: { messageChars: Number.POSITIVE_INFINITY, draftChars: Number.POSITIVE_INFINITY, threadNameChars: 0, editIntervalMs: 0, canEdit: false },
} as const satisfies Record<string, TargetLimits>;
