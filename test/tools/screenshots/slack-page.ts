import type { CapturedMorning, CapturedSlackMessage } from './capture.js';
import { escapeHtml } from './html.js';
import { htmlPage, packageFileUrl, PAGE_WIDTH, pngDataUrl } from './page.js';
import { renderSlackMrkdwn } from './slack-mrkdwn.js';

// The morning post as the Slack client shows it, light theme: the channel's header, the app's message
// (avatar, name, APP tag, time) with its blocks (header, sections and context in mrkdwn, the native
// chart block drawn as Slack draws a line chart, with Chart.js), then any thread replies and uploaded
// chart. Colors and sizes are Slack's.

const CSS = `
  * { box-sizing: border-box; }
  body { margin: 0; width: ${PAGE_WIDTH}px; background: #fff; color: #1d1c1d; font: 15px/1.46668 Lato, 'Noto Sans', 'DejaVu Sans', sans-serif; }
  .bar { height: 49px; display: flex; align-items: center; padding: 0 20px; border-bottom: 1px solid #e8e8e8; font-weight: 800; font-size: 18px; }
  .msg { display: flex; gap: 8px; padding: 8px 20px; }
  .avatar { flex: none; width: 36px; height: 36px; border-radius: 6px; background: #4a154b; display: flex; align-items: center; justify-content: center; font-size: 18px; }
  .body { min-width: 0; flex: 1; }
  .who { display: flex; align-items: baseline; gap: 4px; }
  .name { font-weight: 900; }
  .tag { background: rgba(29,28,29,0.13); color: rgba(29,28,29,0.7); font-size: 10px; font-weight: 700; padding: 1px 3px; border-radius: 2px; }
  .time { color: #616061; font-size: 12px; margin-left: 4px; }
  .header { font-size: 18px; font-weight: 900; line-height: 1.33; margin: 4px 0 8px; }
  .section { margin: 2px 0 6px; }
  .context { color: #616061; font-size: 13px; margin: 4px 0; }
  a { color: #1264a3; text-decoration: none; }
  strong { font-weight: 900; }
  blockquote { margin: 0; padding-left: 12px; border-left: 4px solid #dddddd; }
  code { color: #e01e5a; background: rgba(29,28,29,0.04); border: 1px solid rgba(29,28,29,0.13); border-radius: 3px; padding: 0 3px; font-size: 12px; }
  .chart { margin: 8px 0 10px; border: 1px solid #e0e0e0; border-radius: 8px; padding: 12px 16px; max-width: 620px; }
  .chart .title { font-weight: 900; margin-bottom: 6px; }
  .image { display: block; margin-top: 6px; width: 560px; max-width: 100%; border-radius: 8px; border: 1px solid #e0e0e0; }
  .replies { color: #1264a3; font-size: 13px; font-weight: 700; margin-top: 4px; }
`;

/** The post's time as Slack shows it. */
const TIME = '8:00 AM';

type Block = { type: string; text?: { type: string; text: string }; elements?: Array<{ type: string; text?: string }>; title?: string; chart?: ChartBlock['chart'] };
interface ChartBlock {
  title: string;
  chart: { type: string; series: Array<{ name: string; data: Array<{ label: string; value: number }> }>; axis_config?: { categories?: string[]; x_label?: string; y_label?: string } };
}

function text(t: { type: string; text: string }): string {
  return t.type === 'mrkdwn' ? renderSlackMrkdwn(t.text) : escapeHtml(t.text);
}

function block(b: Block, index: number): string {
  switch (b.type) {
    case 'header':
      return `<div class="header">${escapeHtml(b.text?.text ?? '')}</div>`;
    case 'section':
      return b.text ? `<div class="section">${text(b.text)}</div>` : '';
    case 'context':
      return `<div class="context">${(b.elements ?? []).map((e) => (e.text !== undefined ? text({ type: e.type, text: e.text }) : '')).join(' ')}</div>`;
    case 'divider':
      return '<hr>';
    case 'data_visualization':
      return `<div class="chart"><div class="title">${escapeHtml(b.title ?? '')}</div><canvas id="chart-${index}" width="588" height="290" data-chart="${escapeHtml(JSON.stringify(b.chart))}"></canvas></div>`;
    default:
      throw new Error(`The Slack picture has no drawing for a "${b.type}" block: add one in test/tools/screenshots/slack-page.ts.`);
  }
}

function message(m: CapturedSlackMessage, extra = ''): string {
  const content = m.blocks.length ? (m.blocks as Block[]).map(block).join('') : `<div class="section">${renderSlackMrkdwn(m.text)}</div>`;
  return `<div class="msg"><div class="avatar">📈</div><div class="body"><div class="who"><span class="name">ai-trends</span><span class="tag">APP</span><span class="time">${TIME}</span></div>${content}${extra}</div></div>`;
}

/** Draws each chart block's line chart in the page (Slack's palette, its legend on top), then marks the page ready. */
const DRAW_CHARTS = `
  const palette = ['#2f6fe4', '#e8912d', '#2bac76', '#e01e5a', '#8f62d1', '#36c5f0'];
  for (const canvas of document.querySelectorAll('canvas[data-chart]')) {
    const chart = JSON.parse(canvas.dataset.chart);
    new Chart(canvas, {
      type: chart.type,
      data: { labels: chart.axis_config?.categories ?? chart.series[0].data.map((d) => d.label),
        datasets: chart.series.map((s, i) => ({ label: s.name, data: s.data.map((d) => d.value), borderColor: palette[i % palette.length], backgroundColor: palette[i % palette.length], borderWidth: 2, pointRadius: 2, tension: 0 })) },
      options: { animation: false, responsive: false, plugins: { legend: { position: 'top', align: 'start', labels: { boxWidth: 10, boxHeight: 10, color: '#1d1c1d' } } },
        scales: { x: { title: { display: Boolean(chart.axis_config?.x_label), text: chart.axis_config?.x_label, color: '#616061' }, ticks: { color: '#616061' }, grid: { display: false } },
                  y: { beginAtZero: true, title: { display: Boolean(chart.axis_config?.y_label), text: chart.axis_config?.y_label, color: '#616061' }, ticks: { color: '#616061' }, grid: { color: '#eeeeee' } } } },
    });
  }
  window.chartsDrawn = true;
`;

export function slackPage(captured: CapturedMorning['slack']): string {
  const { post, thread, files, channelName } = captured;
  const replies = thread.length || files.length ? `<div class="replies">${thread.length + files.length} repl${thread.length + files.length === 1 ? 'y' : 'ies'}</div>` : '';
  const threadView = [...thread.map((m) => message(m)), ...files.map((f) => message({ text: '', blocks: [] }, `<img class="image" src="${pngDataUrl(f.png)}" alt="${escapeHtml(f.alt_text ?? f.filename)}">`))].join('');
  const chartJs = packageFileUrl('chart.js', 'dist', 'chart.umd.min.js');
  const body = `<div class="bar"># ${escapeHtml(channelName)}</div>${message(post, replies)}${threadView}<div style="height:8px"></div>`;
  return htmlPage('A morning post on Slack', CSS, body, `<script src="${chartJs}"></script><script>${DRAW_CHARTS}</script>`);
}
