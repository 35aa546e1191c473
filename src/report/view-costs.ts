import type { Store } from '../store/store.js';
import { describeView, viewReportKey } from './view.js';

// What `status` says of the day's report views (issue 20): each distinct view, its analysis and its cost.

export interface ViewCost {
  key: string;
  /** `r/LocalLLaMA; topics +agents; in pt-BR`. */
  view: string;
  analysis: string;
  costUsd: number | null;
  /** Past MAX_REPORT_VIEWS: the offline analysis. */
  overCap: boolean;
}

/** The views built on `date`, in the order they were first asked for. */
export async function viewCosts(store: Pick<Store, 'meta' | 'reports'>, date: string): Promise<ViewCost[]> {
  const keys = JSON.parse((await store.meta.get(`report-views:${date}`)) ?? '[]') as string[];
  const reports = await Promise.all(keys.map((key) => store.reports.get(viewReportKey(date, key))));
  return keys.flatMap((key, i) => {
    const report = reports[i];
    if (!report) return [];
    return [{ key, view: describeView(report.view), analysis: report.analysis?.source ?? 'none', costUsd: report.analysis?.usage?.estimatedCostUsd ?? null, overCap: report.view?.overCap === true }];
  });
}

/** Lines for `status`: one per view with its analysis and cost; nothing without views. */
export function describeViewCosts(date: string, views: readonly ViewCost[], maxViews: number): string {
  if (views.length === 0) return '';
  const lines = views.map((v) => `  ${v.key}  ${v.view}: ${v.analysis}${v.overCap ? ' (past MAX_REPORT_VIEWS)' : ''}, ${v.costUsd === null ? 'no model cost' : `≈ $${v.costUsd.toFixed(4)}`}`);
  return `Report views on ${date}: ${views.length} of at most ${maxViews} analysed by the model a day\n${lines.join('\n')}\n`;
}
