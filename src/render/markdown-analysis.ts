import type { Analysis, Citation, Claim } from '../analysis/types.js';
import type { Report } from '../models.js';
import { neutraliseMentions } from '../text/mentions.js';
import { oneLine } from '../text/visible.js';
import { cellText, escapeMarkdown, TITLE_MAX } from './markdown-escape.js';

// The "Trend Analysis" part of the Markdown report, in the reference's five sections. All prose is
// escaped (the model's text never becomes markup); every link, title and number comes from citations.

export function renderMarkdownAnalysis(report: Report): string {
  const analysis = report.analysis;
  if (!analysis) return '';
  const { highlights, weekly, monthly, deepDive, communityHighlights } = analysis.sections;
  const parts: string[] = ['## Trend Analysis'];
  if (analysis.source === 'offline') {
    parts.push('_Automatic summary: built without a language model from the posts, their numbers and comments._');
  }

  parts.push('### 1. Today\'s Highlights');
  if (highlights.length === 0) parts.push(none('No highlight could be tied to a post today.'));
  for (const theme of highlights) {
    const items = theme.items.map((item) => {
      const lines = [`- **${prose(item.name)}**`];
      if (item.summary) lines.push(`  ${prose(item.summary)}`);
      if (item.whyItMatters) lines.push(`  *Why it matters:* ${prose(item.whyItMatters)}`);
      lines.push(`  Post link: ${item.postIds.map((id) => postLink(analysis.citations[id], true)).join(' · ')}`);
      return lines.join('  \n');
    });
    parts.push(`#### ${prose(theme.theme)}\n\n${items.join('\n\n')}`);
  }

  parts.push('### 2. Weekly Trend Comparison');
  const weeklyLists: Array<[string, Claim[]]> = [
    ['Persistent Trends', weekly.persistent],
    ['Newly Emerging Trends', weekly.emerging],
    ['Fading Topics', weekly.fading],
  ];
  if (weeklyLists.every(([, claims]) => claims.length === 0)) {
    parts.push(
      none(
        analysis.hasHistory
          ? 'Nothing changed enough since the earlier stored days to report.'
          : 'No earlier daily reports are stored yet, so there is nothing to compare with; the comparison starts with the next report.',
      ),
    );
  } else {
    parts.push(
      weeklyLists
        .filter(([, claims]) => claims.length > 0)
        .map(([title, claims]) => `- **${title}:**\n${claims.map((claim) => `  - ${claimLine(claim, analysis)}`).join('\n')}`)
        .join('\n'),
    );
  }

  parts.push('### 3. Monthly Technology Evolution');
  parts.push(monthly.length === 0 ? none('Not enough posts this month to describe a shift.') : monthly.map((claim) => claimLine(claim, analysis)).join('\n\n'));

  if (deepDive) {
    parts.push(`### 4. Technical Deep Dive: ${prose(deepDive.title)}`);
    parts.push([...deepDive.body.map((claim) => prose(claim.text)), `Post link: ${postLink(analysis.citations[deepDive.postId], true)}`].join('\n\n'));
  } else {
    parts.push('### 4. Technical Deep Dive', none('No post of the day stood out technically.'));
  }

  parts.push('### 5. Community Highlights');
  for (const community of communityHighlights.communities) {
    parts.push(`#### r/${escapeMarkdown(community.subreddit)}\n\n${community.focus.map((claim) => `- ${claimLine(claim, analysis)}`).join('\n')}`);
  }
  if (communityHighlights.crossCutting.length > 0) {
    parts.push(`#### Cross-Cutting Topics\n\n${communityHighlights.crossCutting.map((claim) => `- ${claimLine(claim, analysis)}`).join('\n')}`);
  }
  if (communityHighlights.niche.length > 0) {
    parts.push(`#### Unique Discussions\n\n${communityHighlights.niche.map((claim) => `- ${claimLine(claim, analysis)}`).join('\n')}`);
  }
  return parts.join('\n\n');
}

function prose(text: string): string {
  return escapeMarkdown(neutraliseMentions(oneLine(text)));
}

function none(text: string): string {
  return `_${escapeMarkdown(text)}_`;
}

/** A claim followed by links to the posts it rests on (two at most, to keep lines readable). */
function claimLine(claim: Claim, analysis: Analysis): string {
  const links = claim.postIds.slice(0, 2).map((id) => postLink(analysis.citations[id], false));
  return `${prose(claim.text)} (${links.join(', ')})`;
}

function postLink(citation: Citation | undefined, withNumbers: boolean): string {
  if (!citation) return '';
  const link = `[${cellText(citation.title, TITLE_MAX)}](${citation.url})`;
  return withNumbers ? `${link} (Score: ${citation.score}, Comments: ${citation.numComments})` : link;
}
