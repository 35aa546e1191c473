import type { Metrics } from '../metrics/metrics.js';
import type { ReportStep } from './step.js';

/**
 * The last step of a report build: counts the report by the source of its analysis, and the tokens the
 * analysis spent (a Claude answer that failed its checks spent them too, though the report is offline).
 */
export function countBuiltReports(metrics: Pick<Metrics, 'reportBuilt'>, llm?: { provider: string; model: string }): ReportStep {
  return async (report) => {
    const analysis = report.analysis;
    metrics.reportBuilt(analysis?.source ?? 'none', analysis?.usage && llm ? { provider: llm.provider, model: analysis.model ?? llm.model, usage: analysis.usage } : undefined, report.view?.key || 'day');
    return report;
  };
}
