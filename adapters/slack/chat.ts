import type { App } from '@slack/bolt';
import type { ChatAdapter, MessageRef, NativeStream, PostOptions } from '../../src/chat/adapter.js';
import { inThread, type ChatTarget, type ThreadTarget } from '../../src/chat/target.js';
import { targetLimits } from '../../src/render/limits.js';
import type { ChartData } from '../../src/analysis/chart-data.js';
import { CHART_FAILED_NOTE } from '../../src/chat/deliver.js';
import type { Logger } from '../../src/log.js';
import type { ChartPngRenderer } from '../../src/render/chart-png.js';
import { renderChartPngApart } from '../../src/render/chart-png-apart.js';
import { ChartPngs } from '../../src/render/chart-pngs.js';
import { CHART_FILE_NAME } from '../../src/render/discord.js';
import { renderSlack, slackChartRoom, slackDraft, withoutSlackChart, withSlackChart, type SlackMessage } from '../../src/render/slack.js';
import { note } from '../../src/reply/reply.js';
import { truncateUnits } from '../../src/text/visible.js';
import type { Reply } from '../../src/reply/reply.js';
import { toChatError } from './errors.js';
import { SlackPostPacing } from './post-pacing.js';

// Slack as a chat port: messages through the Web API. A thread is the `ts` of its parent message, so
// opening one costs no call; its replies carry `thread_ts`.

/** The metadata event type of a marked post (a morning post). */
const MARKER_EVENT = 'ai_trends_post';
/** conversations.history's page: what a non-Marketplace app may read per minute. */
const RECENT_MESSAGES = 15;
/** How Slack answers a block it does not take (a workspace or client without data_visualization). */
const REFUSED_BLOCKS = new Set(['invalid_blocks', 'invalid_blocks_format', 'unsupported_block_type']);
/** Slack's limit for a file's alt text. */
const SLACK_ALT_TEXT_MAX = 1000;
/** A background post refused with 429 is tried again after the Retry-After this many times, then left to the pass's retry. */
const BACKGROUND_ATTEMPTS = 6;

export interface SlackChatOptions {
  log?: Logger;
  /** Draws the chart PNG for workspaces that refuse the native chart block (a test makes it fail). */
  renderPng?: ChartPngRenderer;
  /**
   * A Web API client for posts in the background (the morning pass) that hands a 429 back instead of
   * waiting it out (rejectRateLimitedCalls): the pacing waits, and only the pass's posts do. The app's
   * client, on a 429, pauses every call it makes, answers included. Without it, the app's client posts all.
   */
  backgroundClient?: App['client'];
}

export class SlackChat implements ChatAdapter<SlackMessage> {
  readonly platform = 'slack' as const;
  readonly limits = targetLimits.slack;

  /** One fallback PNG per chart (drawn apart), whatever the number of channels it goes to. */
  private readonly pngs: ChartPngs;

  /** chat.postMessage's pacing: a second a channel, the workspace's allowance learnt from its first 429 (post-pacing.ts). */
  readonly pacing: SlackPostPacing;

  /**
   * Slack publishes no number for a workspace's posts a minute ("several hundred"): the first 429 tells
   * it, and posts go evenly under it from then on (SLACK_POSTS_PER_MINUTE gives it from the start).
   */
  constructor(
    private readonly client: App['client'],
    postsPerMinute?: number,
    private readonly options: SlackChatOptions = {},
  ) {
    this.pacing = new SlackPostPacing(postsPerMinute, options.log);
    this.pngs = new ChartPngs(options.renderPng ?? renderChartPngApart);
  }

  /** The chart as Slack's native data_visualization block (no image; Slack themes it). */
  withChart(message: SlackMessage, chart: ChartData): SlackMessage {
    return withSlackChart(message, chart);
  }

  render(reply: Reply): SlackMessage[] {
    // The first message keeps room for the chart block (and its notes) withChart puts in it.
    return renderSlack(reply, reply.chart ? slackChartRoom(reply.chart) : undefined);
  }

  draft(text: string): SlackMessage {
    return slackDraft(text);
  }

  async post(target: ChatTarget, message: SlackMessage, options: PostOptions = {}): Promise<MessageRef> {
    const { chart, ...payload } = message;
    try {
      return await this.send(target, payload, options);
    } catch (error) {
      const failure = toChatError(error);
      if (!chart || !REFUSED_BLOCKS.has(failure.code)) throw failure;
      this.options.log?.warn({ platform: 'slack', channel: target.channelId, code: failure.code }, 'slack: the native chart block was refused; posting the chart as a PNG');
      return this.postWithPng(target, message, chart, options);
    }
  }

  private async send(target: ChatTarget, message: SlackMessage, options: PostOptions): Promise<MessageRef> {
    const background = options.background === true;
    const client = background ? (this.options.backgroundClient ?? this.client) : this.client;
    const metadata = options.marker ? { metadata: { event_type: MARKER_EVENT, event_payload: { marker: options.marker } } } : {};
    for (let attempt = 1; ; attempt++) {
      await this.pacing.before(target, background);
      const sentAt = Date.now();
      try {
        const sent = await client.chat.postMessage({ channel: target.channelId, ...(target.threadId ? { thread_ts: target.threadId } : {}), ...message, ...metadata });
        this.pacing.took(target);
        return { target, messageId: String(sent.ts) };
      } catch (error) {
        // Only the background client hands a 429 back (the app's own waits it out): learn from it, wait, again.
        const retryAfter = (error as { code?: string; retryAfter?: number }).code === 'slack_webapi_rate_limited_error' ? (error as { retryAfter?: number }).retryAfter : undefined;
        if (retryAfter === undefined || attempt >= BACKGROUND_ATTEMPTS) throw toChatError(error);
        this.pacing.refused(target, retryAfter, sentAt);
      }
    }
  }

  /**
   * The fallback for a refused chart block: the message without it, and the chart drawn as a PNG and
   * uploaded under it (in its thread) with the alt text. A PNG that cannot be drawn leaves a visible
   * warning in the message instead; a failed upload is logged (the report itself is out).
   */
  private async postWithPng(target: ChatTarget, message: SlackMessage, chart: ChartData, options: PostOptions): Promise<MessageRef> {
    const plain = withoutSlackChart(message);
    let png: Buffer | undefined;
    try {
      png = await this.pngs.get(chart);
    } catch (error) {
      this.options.log?.warn({ platform: 'slack', channel: target.channelId, err: String(error) }, 'chat: the chart could not be drawn; posting without it');
      const warning = renderSlack({ blocks: [note(CHART_FAILED_NOTE, 'warning')] })[0]!.blocks;
      const at = plain.blocks[0]?.type === 'header' ? 1 : 0;
      plain.blocks = [...plain.blocks.slice(0, at), ...warning, ...plain.blocks.slice(at)];
    }
    const ref = await this.send(target, plain, options);
    if (png) {
      try {
        await this.client.files.uploadV2({ channel_id: target.channelId, thread_ts: target.threadId ?? ref.messageId, file: png, filename: CHART_FILE_NAME, title: chart.title, alt_text: truncateUnits(chart.altText, SLACK_ALT_TEXT_MAX) });
      } catch (error) {
        this.options.log?.warn({ platform: 'slack', channel: target.channelId, err: String(error) }, 'slack: the chart PNG could not be uploaded; the report went out without it');
      }
    }
    return ref;
  }

  /**
   * The marked post among the channel's latest messages (its metadata comes back with
   * include_all_metadata). Apps outside the Marketplace may read only 15 messages a minute: enough, as a
   * morning post is recent, and this runs only when a killed attempt left its trace.
   */
  async findPosted(target: ChatTarget, marker: string): Promise<MessageRef | undefined> {
    try {
      const { messages } = await this.client.conversations.history({ channel: target.channelId, limit: RECENT_MESSAGES, include_all_metadata: true });
      const found = messages?.find((m) => m.metadata?.event_type === MARKER_EVENT && (m.metadata.event_payload as { marker?: unknown } | undefined)?.marker === marker);
      return found?.ts ? { target, messageId: found.ts } : undefined;
    } catch (error) {
      throw toChatError(error);
    }
  }

  async edit(ref: MessageRef, message: SlackMessage): Promise<void> {
    try {
      await this.client.chat.update({ channel: ref.target.channelId, ts: ref.messageId, text: message.text, blocks: message.blocks });
    } catch (error) {
      throw toChatError(error);
    }
  }

  async remove(ref: MessageRef): Promise<void> {
    try {
      await this.client.chat.delete({ channel: ref.target.channelId, ts: ref.messageId });
    } catch (error) {
      throw toChatError(error);
    }
  }

  async openThread(ref: MessageRef): Promise<ThreadTarget> {
    return inThread(ref.target, ref.target.threadId ?? ref.messageId);
  }

  /** "is reading the posts…" under the question, until the answer arrives (Slack clears it then). */
  async typing(target: ChatTarget): Promise<void> {
    if (!target.threadId) return;
    await this.client.assistant.threads.setStatus({ channel_id: target.channelId, thread_ts: target.threadId, status: 'is reading the posts…' });
  }

  /**
   * Slack's own streaming (chat.startStream / appendStream / stopStream). At the end the streamed text
   * is replaced by the grounded reply (numbers checked, cited post links), so nothing unchecked stays.
   * A refused start makes stream.ts use a message and edits instead.
   */
  async startStream(target: ThreadTarget, userId: string): Promise<NativeStream<SlackMessage>> {
    const started = await this.client.chat.startStream({ channel: target.channelId, thread_ts: target.threadId, recipient_team_id: target.workspaceId, recipient_user_id: userId });
    const ts = String(started.ts);
    const ref: MessageRef = { target, messageId: ts };
    return {
      ref,
      append: async (text) => {
        await this.client.chat.appendStream({ channel: target.channelId, ts, markdown_text: text });
      },
      // The cited post links go as blocks with the stop, so the finished message carries them even if
      // the update after it fails; the update then puts the grounded reply in place of the streamed text.
      stop: async (final) => {
        await this.client.chat.stopStream({ channel: target.channelId, ts, blocks: final.blocks });
        await this.client.chat.update({ channel: target.channelId, ts, text: final.text, blocks: final.blocks });
        return ref;
      },
    };
  }

  async postPrivate(target: ChatTarget, userId: string, message: SlackMessage): Promise<void> {
    try {
      await this.client.chat.postEphemeral({ channel: target.channelId, user: userId, ...(target.threadId ? { thread_ts: target.threadId } : {}), text: message.text, blocks: message.blocks });
    } catch (error) {
      throw toChatError(error);
    }
  }
}
