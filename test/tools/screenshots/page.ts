import { createRequire } from 'node:module';
import { join, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

// What both pictures' pages share: a page of the README's width, emoji drawn as Twemoji images (as the
// Discord client draws them; Debian's chromium has no color emoji font here), and images inlined as
// data: URLs. Scripts and emoji come from node_modules, so the pages are opened as files, offline.

/** The pictures' width in CSS pixels (the README shows them at their size). */
export const PAGE_WIDTH = 800;

const require = createRequire(import.meta.url);

/** A file inside an installed package's folder, as a file: URL the page can load. */
export function packageFileUrl(pkg: string, ...path: string[]): string {
  // The package's folder from its entry point (chart.js exports no ./package.json to resolve).
  const entry = require.resolve(pkg);
  const folder = `${sep}node_modules${sep}${pkg.split('/').join(sep)}${sep}`;
  return pathToFileURL(join(entry.slice(0, entry.lastIndexOf(folder) + folder.length), ...path)).href;
}

/** A PNG as an <img> source. */
export function pngDataUrl(png: Buffer): string {
  return `data:image/png;base64,${png.toString('base64')}`;
}

/** Replaces every emoji in the page by its Twemoji SVG, sized like the text around it. */
const EMOJI = `<script src="${packageFileUrl('@discordapp/twemoji', 'dist', 'twemoji.min.js')}"></script><script>twemoji.parse(document.body, { base: ${JSON.stringify(packageFileUrl('@discordapp/twemoji', 'dist') + '/')}, folder: 'svg', ext: '.svg' });</script>`;

const EMOJI_CSS = 'img.emoji { width: 1.375em; height: 1.375em; vertical-align: bottom; object-fit: contain; margin: 0 0.05em; }';

/** A whole page: the platform's CSS, the body, emoji as images, then any further scripts. */
export function htmlPage(title: string, css: string, body: string, scripts = ''): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title><style>${EMOJI_CSS}${css}</style></head><body>${body}${EMOJI}${scripts}</body></html>`;
}
