import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import { BoundedLabel } from './bounded-label.js';
import type { LlmSpend, Metrics, RedditOutcome } from './metrics.js';

// The metrics on a registry of their own (not prom-client's global one, so two apps in one process, as
// in tests, never mix), with Node's default process metrics. Served as Prometheus text at /metrics.

export class PrometheusMetrics implements Metrics {
  readonly registry = new Registry();
  private readonly reports = new Counter({ name: 'ai_trends_reports_built_total', help: 'Reports built (not read from the store), by the source of their analysis', labelNames: ['analysis'], registers: [this.registry] });
  private readonly redditRequests = new Counter({ name: 'ai_trends_reddit_requests_total', help: 'Requests to the Reddit API by outcome (rate_limited is a 429); each attempt counts', labelNames: ['outcome'], registers: [this.registry] });
  private readonly redditRetries = new Counter({ name: 'ai_trends_reddit_retries_total', help: 'Reddit requests tried again after a 429, a 5xx, a timeout or a dropped connection', registers: [this.registry] });
  private readonly deliveries = new Counter({ name: 'ai_trends_deliveries_total', help: 'Morning posts by platform and outcome', labelNames: ['platform', 'outcome'], registers: [this.registry] });
  private readonly followUps = new Counter({ name: 'ai_trends_followups_total', help: 'Follow-up questions by how they were answered (claude, openai, offline, refused)', labelNames: ['source'], registers: [this.registry] });
  private readonly tokens = new Counter({ name: 'ai_trends_llm_tokens_total', help: 'Language-model tokens by provider, model, purpose (analysis, followup) and kind', labelNames: ['provider', 'model', 'purpose', 'kind'], registers: [this.registry] });
  private readonly cost = new Counter({ name: 'ai_trends_llm_cost_usd_total', help: 'Estimated language-model cost in USD (price table, ANTHROPIC_PRICES_USD_PER_MTOK or OPENAI_PRICE_INPUT/OUTPUT), by provider, model and purpose', labelNames: ['provider', 'model', 'purpose'], registers: [this.registry] });
  private readonly viewCost = new Counter({ name: 'ai_trends_report_view_cost_usd_total', help: 'Estimated cost in USD of the analyses of each report view (README "Per-channel settings"; "day" is the day\'s report), by view key', labelNames: ['view'], registers: [this.registry] });
  private readonly viewAnalyses = new Counter({ name: 'ai_trends_report_view_analyses_total', help: 'Analyses written for each report view, by view key and the source of the analysis', labelNames: ['view', 'analysis'], registers: [this.registry] });
  private readonly commands = new Histogram({
    name: 'ai_trends_command_duration_seconds',
    help: 'Time to compute a chat command\'s reply (building the report included), by command and platform',
    labelNames: ['command', 'platform'],
    // From a stored report (milliseconds) to a first build of the day with Claude (tens of seconds).
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [this.registry],
  });

  /** The model id comes from the server's answer: bounded, as any label from outside must be. */
  private readonly models = new BoundedLabel();
  /** View keys: at most MAX_REPORT_VIEWS a day, bounded here too over the days a process runs. */
  private readonly views = new BoundedLabel(50);

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  reportBuilt(analysis: string, spend?: LlmSpend, view = 'day'): void {
    this.reports.inc({ analysis });
    if (spend) this.spent('analysis', spend);
    const label = this.views.value(view);
    this.viewAnalyses.inc({ view: label, analysis });
    if (spend?.usage.estimatedCostUsd != null) this.viewCost.inc({ view: label }, spend.usage.estimatedCostUsd);
  }

  redditRequest(outcome: RedditOutcome): void {
    this.redditRequests.inc({ outcome });
  }

  redditRetry(): void {
    this.redditRetries.inc();
  }

  delivery(platform: string, outcome: string): void {
    this.deliveries.inc({ platform, outcome });
  }

  followUp(source: string, spend?: LlmSpend): void {
    this.followUps.inc({ source });
    if (spend) this.spent('followup', spend);
  }

  commandStarted(command: string, platform: string): () => void {
    const stop = this.commands.startTimer({ command, platform });
    return () => void stop();
  }

  /** The Prometheus text exposition of every metric. */
  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  private spent(purpose: string, { provider, model, usage }: LlmSpend): void {
    const labels = { provider, model: this.models.value(model), purpose };
    this.tokens.inc({ ...labels, kind: 'input' }, usage.inputTokens);
    this.tokens.inc({ ...labels, kind: 'output' }, usage.outputTokens);
    this.tokens.inc({ ...labels, kind: 'cache_write' }, usage.cacheCreationInputTokens);
    this.tokens.inc({ ...labels, kind: 'cache_read' }, usage.cacheReadInputTokens);
    // A model missing from the price table has no estimate: counted as nothing rather than guessed.
    if (usage.estimatedCostUsd !== null) this.cost.inc(labels, usage.estimatedCostUsd);
  }
}
