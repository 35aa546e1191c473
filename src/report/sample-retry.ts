import type { Report } from '../models.js';

// The bundled sample day's report is built once and kept in the store (its follow-up threads read it there).
// One built while the model failed ("Claude analysis unavailable (Claude could not be reached)…"), or before
// a model was configured, carried the automatic summary and that old warning into every later start until
// `--refresh`. Now each process builds it again once, the first time it serves it: the model is asked
// again, and whatever the report then says about the model is true of this run. Once per process, not on
// every read: while the model stays unreachable, each /trends would otherwise wait for it again.

export class SampleAnalysisRetry {
  private readonly retried = new Set<string>();

  /** `modelConfigured`: Claude or an OpenAI-compatible server writes analyses in this process. */
  constructor(private readonly modelConfigured: boolean) {}

  /**
   * True once per process and date for a stored sample report whose analysis is the automatic summary while
   * a model is configured: the caller builds it again instead of serving it.
   */
  rebuild(report: Report): boolean {
    if (!this.modelConfigured || report.source?.mode !== 'sample' || report.analysis?.source !== 'offline') return false;
    if (this.retried.has(report.date)) return false;
    this.retried.add(report.date);
    return true;
  }
}
