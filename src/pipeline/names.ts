/*
 * The pipeline's names and defaults that commands show in their help and check their
 * options against, apart from the modules that load BullMQ, the crawlers and the
 * database, so that `skillpulse --help` loads none of them.
 */

/** The pipeline's queues, named once for producers, workers and dashboards; a worker can work any of them. */
export const QUEUE_NAMES = ['crawl', 'process', 'rollup', 'report'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

/** Sources crawled at once by the inline runner. */
export const INLINE_CONCURRENCY = 3;
