/** A RemoteOK job as the API sends it, as text. */
function job(id: number | string): string {
  return JSON.stringify({
    id,
    position: `Platform Engineer ${id}`,
    company: 'Acme',
    url: `https://remoteok.test/remote-jobs/${id}`,
    description: 'Kubernetes and Go',
    date: '2026-11-20T10:00:00Z',
  });
}

/**
 * A RemoteOK feed as text: the legal notice (#0), the first good job (#1), one bad item of
 * each kind (#2 a string, #3 an id of 1e309, #4 "deep" nested 10,000 levels, #5 "large"
 * over 1 MB), then the other good jobs.
 */
export function feedWithBadItems(good: readonly number[]): string {
  const bad = [
    '"a string where a job should be"',
    job('inf').replace('"id":"inf"', '"id":1e309'),
    job('deep').replace(
      '"id":"deep"',
      `"id":"deep","extra":${'['.repeat(10_000)}${']'.repeat(10_000)}`,
    ),
    job('large').replace('"id":"large"', `"id":"large","blob":"${'x'.repeat(1_200_000)}"`),
  ];
  const [first, ...rest] = good.map(job);
  return `[{"legal":"terms"},${[first, ...bad, ...rest].join(',')}]`;
}

/** What the run of such a feed counts as skipped, by reason. */
export const FEED_SKIPS = {
  "the API's legal notice": 1,
  'expected an item to be an object': 1,
  'job id is not a finite number': 1,
  too_deep: 1,
  too_large: 1,
};
