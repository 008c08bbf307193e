import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { CrawlSummary } from '../crawl/crawl-source.js';
import type { ProcessResult } from '../process/process-listings.js';
import { QUEUE_NAMES, type PipelineQueues } from './queues.js';

const JOB_STATES = ['waiting', 'active', 'delayed', 'failed', 'completed', 'prioritized'] as const;

/** What a worker process tells Prometheus: jobs, their durations, crawl yield, queue depth. */
export class PipelineMetrics {
  readonly registry = new Registry();
  readonly jobsCompleted = new Counter({
    name: 'skillpulse_jobs_completed_total',
    help: 'Jobs completed, by queue',
    labelNames: ['queue'],
    registers: [this.registry],
  });
  readonly jobsFailed = new Counter({
    name: 'skillpulse_jobs_failed_total',
    help: 'Job attempts failed, by queue',
    labelNames: ['queue'],
    registers: [this.registry],
  });
  readonly jobDuration = new Histogram({
    name: 'skillpulse_job_duration_seconds',
    help: 'Time from a job starting to it finishing, by queue',
    labelNames: ['queue'],
    buckets: [0.1, 0.5, 1, 5, 15, 60, 300, 1800],
    registers: [this.registry],
  });
  readonly pagesFetched = new Counter({
    name: 'skillpulse_pages_fetched_total',
    help: 'Pages fetched by crawls, by source',
    labelNames: ['source'],
    registers: [this.registry],
  });
  readonly listingsStored = new Counter({
    name: 'skillpulse_listings_stored_total',
    help: 'Listings read by crawls, by source',
    labelNames: ['source'],
    registers: [this.registry],
  });
  readonly newListings = new Counter({
    name: 'skillpulse_listings_new_total',
    help: 'New raw listings stored by crawls, by source',
    labelNames: ['source'],
    registers: [this.registry],
  });
  readonly crawlErrors = new Counter({
    name: 'skillpulse_crawl_errors_total',
    help: 'Crawl errors by source and kind (parse, http_5xx, ...)',
    labelNames: ['source', 'kind'],
    registers: [this.registry],
  });
  readonly postingsWritten = new Counter({
    name: 'skillpulse_postings_written_total',
    help: 'Postings written by the process stage',
    registers: [this.registry],
  });
  readonly listingsUnprocessable = new Counter({
    name: 'skillpulse_listings_unprocessable_total',
    help: 'Raw listings the process stage could not turn into postings',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'skillpulse_' });
  }

  /** Reports the depth of these queues, read when Prometheus scrapes: never stale. */
  watchQueues(queues: PipelineQueues): void {
    new Gauge({
      name: 'skillpulse_queue_jobs',
      help: 'Jobs in each queue, by state',
      labelNames: ['queue', 'state'],
      registers: [this.registry],
      async collect() {
        for (const name of QUEUE_NAMES) {
          const counts = await queues[name].getJobCounts(...JOB_STATES);
          for (const state of JOB_STATES) this.set({ queue: name, state }, counts[state] ?? 0);
        }
      },
    });
  }

  recordCrawl(summary: CrawlSummary): void {
    const source = summary.sourceId;
    this.pagesFetched.inc({ source }, summary.pages);
    this.listingsStored.inc({ source }, summary.listings);
    this.newListings.inc({ source }, summary.newListings);
    for (const [kind, count] of Object.entries(summary.errors))
      this.crawlErrors.inc({ source, kind }, count);
  }

  recordProcess(result: ProcessResult): void {
    this.postingsWritten.inc(result.postings);
    this.listingsUnprocessable.inc(result.failed);
  }
}

export interface MetricsServer {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * `/metrics` in Prometheus text format and `/health`: 200 while `healthy()` says so,
 * 503 otherwise (a worker that is stopping, or has lost Redis).
 */
export async function startMetricsServer(
  metrics: PipelineMetrics,
  options: {
    readonly host: string;
    readonly port: number;
    readonly healthy: () => Promise<Record<string, unknown> | null>;
  },
): Promise<MetricsServer> {
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    const send = (status: number, type: string, body: string) => {
      response.writeHead(status, { 'content-type': type }).end(body);
    };
    if (path === '/metrics') {
      metrics.registry.metrics().then(
        (body) => send(200, metrics.registry.contentType, body),
        (error: Error) => send(500, 'text/plain', `metrics failed: ${error.message}`),
      );
    } else if (path === '/health') {
      options.healthy().then(
        (detail) =>
          send(
            detail ? 200 : 503,
            'application/json',
            JSON.stringify(detail ?? { status: 'unhealthy' }),
          ),
        (error: Error) =>
          send(
            503,
            'application/json',
            JSON.stringify({ status: 'unhealthy', error: error.message }),
          ),
      );
    } else {
      send(404, 'text/plain', 'not found: try /metrics or /health');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host}:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
