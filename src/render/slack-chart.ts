import type { ChartData } from '../analysis/chart-data.js';
import { truncateUnits } from '../text/visible.js';

// The week's chart as Slack's native `data_visualization` block: no image, drawn and themed by Slack,
// read by screen readers. Shape and limits from docs.slack.dev/reference/block-kit/blocks/
// data-visualization-block (title ≤ 50; line/bar/area: 1–6 series, each with one {label, value} per
// axis category; names, labels and categories ≤ 20 characters; axis labels ≤ 50; at most 20 points).

export interface SlackChartPoint {
  label: string;
  value: number;
}

export interface SlackChartBlock {
  type: 'data_visualization';
  title: string;
  chart: {
    type: 'line' | 'bar' | 'area';
    series: Array<{ name: string; data: SlackChartPoint[] }>;
    axis_config: { categories: string[]; x_label?: string; y_label?: string };
  };
}

const slackChartLimits = { title: 50, series: 6, name: 20, points: 20, axisLabel: 50 } as const;

export function renderSlackChart(chart: ChartData): SlackChartBlock {
  const categories = chart.categories.slice(0, slackChartLimits.points).map((c) => truncateUnits(c, slackChartLimits.name));
  return {
    type: 'data_visualization',
    title: truncateUnits(chart.title, slackChartLimits.title),
    chart: {
      type: chart.kind === 'topic-momentum' ? 'line' : 'bar',
      series: chart.series.slice(0, slackChartLimits.series).map((series) => ({
        // Slack draws the series itself: a mover is marked in its name.
        name: series.rising ? `${truncateUnits(series.name, slackChartLimits.name - 2)} ▲` : truncateUnits(series.name, slackChartLimits.name),
        data: categories.map((label, i) => ({ label, value: series.values[i] ?? 0 })),
      })),
      axis_config: { categories, x_label: truncateUnits(chart.xLabel, slackChartLimits.axisLabel), y_label: truncateUnits(chart.yLabel, slackChartLimits.axisLabel) },
    },
  };
}
