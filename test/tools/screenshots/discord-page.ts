import type { CapturedDiscordMessage, CapturedMorning } from './capture.js';
import { inline, renderDiscordMarkdown } from './discord-markdown.js';
import { escapeHtml } from './html.js';
import { htmlPage, PAGE_WIDTH, pngDataUrl } from './page.js';

// The morning post as the Discord client shows it, dark theme: the channel's header, the bot's message
// (avatar, name, APP tag, time, the Markdown rendered, the chart attachment), the thread it opened, and
// the thread's first messages. Colors and sizes are Discord's (2025 dark theme).

const CSS = `
  * { box-sizing: border-box; }
  body { margin: 0; width: ${PAGE_WIDTH}px; background: #313338; color: #dbdee1; font: 16px/1.375 'gg sans', 'Noto Sans', 'DejaVu Sans', sans-serif; }
  .bar { height: 48px; display: flex; align-items: center; gap: 8px; padding: 0 16px; border-bottom: 1px solid #26282c; color: #f2f3f5; font-weight: 600; }
  .bar .hash { color: #80848e; font-size: 24px; font-weight: 400; }
  .bar .topic { color: #949ba4; font-weight: 400; font-size: 14px; margin-left: 8px; padding-left: 12px; border-left: 1px solid #3f4147; }
  .msg { display: flex; gap: 16px; padding: 16px 48px 8px 16px; }
  .avatar { flex: none; width: 40px; height: 40px; border-radius: 50%; background: #5865f2; color: #fff; display: flex; align-items: center; justify-content: center; font-size: 20px; }
  .body { min-width: 0; flex: 1; }
  .who { display: flex; align-items: center; gap: 4px; }
  .name { color: #f2f3f5; font-weight: 600; }
  .tag { background: #5865f2; color: #fff; font-size: 10px; font-weight: 600; line-height: 15px; padding: 0 4px; border-radius: 3px; margin-left: 2px; }
  .time { color: #949ba4; font-size: 12px; margin-left: 6px; }
  .md h1 { font-size: 24px; line-height: 1.375; margin: 8px 0 4px; color: #f2f3f5; }
  .md h2 { font-size: 20px; line-height: 1.375; margin: 8px 0 4px; color: #f2f3f5; }
  .md h3 { font-size: 16px; line-height: 1.375; margin: 8px 0 4px; color: #f2f3f5; }
  .md p { margin: 0 0 4px; }
  .md ol, .md ul { margin: 4px 0; padding-left: 24px; }
  .md li { margin-bottom: 2px; }
  .md a { color: #00a8fc; text-decoration: none; }
  .md strong { font-weight: 700; }
  .md blockquote { margin: 4px 0; padding: 0 8px 0 12px; border-left: 4px solid #4e5058; border-radius: 4px 0 0 4px; }
  .md code { background: #2b2d31; border-radius: 4px; padding: 0 3px; font-size: 14px; }
  .image { display: block; margin-top: 8px; width: 560px; max-width: 100%; border-radius: 8px; }
  .thread-card { margin-top: 8px; max-width: 560px; background: #2b2d31; border-radius: 8px; padding: 8px 12px; font-size: 14px; }
  .thread-card .title { color: #f2f3f5; font-weight: 600; }
  .thread-card .count { color: #00a8fc; font-weight: 600; margin-left: 8px; }
  .thread-card .last { color: #b5bac1; margin-top: 2px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
  .thread-bar { margin-top: 16px; }
`;

/** The post's time as Discord shows a message of today. */
const TIME = 'Today at 8:00 AM';

function message(m: CapturedDiscordMessage, extra = ''): string {
  const images = m.images.map((i) => `<img class="image" src="${pngDataUrl(i.png)}" alt="${escapeHtml(i.description ?? i.filename)}">`).join('');
  return `<div class="msg"><div class="avatar">📈</div><div class="body"><div class="who"><span class="name">${escapeHtml(m.author.username)}</span>${m.author.bot ? '<span class="tag">APP</span>' : ''}<span class="time">${TIME}</span></div><div class="md">${renderDiscordMarkdown(m.content)}</div>${images}${extra}</div></div>`;
}

/** The first line of a message, rendered, as a thread card previews its last message. */
function preview(m: CapturedDiscordMessage): string {
  return inline(m.content.split('\n').find((l) => l.trim())?.replace(/^(#{1,3}|>) /, '') ?? '');
}

export function discordPage(captured: CapturedMorning['discord']): string {
  const { post, thread, channelName } = captured;
  const card = thread
    ? `<div class="thread-card"><span class="title">🧵 ${escapeHtml(thread.name)}</span><span class="count">${thread.messages.length} Message${thread.messages.length === 1 ? '' : 's'} ›</span>${thread.messages[0] ? `<div class="last md">${preview(thread.messages[0])}</div>` : ''}</div>`
    : '';
  const threadView = thread?.messages.length
    ? `<div class="bar thread-bar"><span class="hash">🧵</span>${escapeHtml(thread.name)}<span class="topic">thread in #${escapeHtml(channelName)}</span></div>${thread.messages.map((m) => message(m)).join('')}`
    : '';
  const body = `<div class="bar"><span class="hash">#</span>${escapeHtml(channelName)}<span class="topic">Reddit AI Trend Report every morning</span></div>${message(post, card)}${threadView}<div style="height:12px"></div>`;
  return htmlPage('A morning post on Discord', CSS, body);
}
