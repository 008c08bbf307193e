import { describe, expect, it } from 'vitest';
import { missingServices, TEST_SERVICES } from '../setup/services.js';

describe('the test run’s check of the machine', () => {
  it('finds PostgreSQL, Redis and Chromium where the tests expect them', async () => {
    expect(await missingServices()).toEqual([]);
  });

  it('names each missing part with its fix', async () => {
    const missing = await missingServices({
      postgres: { host: '127.0.0.1', port: 1 },
      redis: { host: '127.0.0.1', port: TEST_SERVICES.postgres.port },
      chromium: '/nonexistent/chromium',
    });
    expect(missing).toHaveLength(3);
    expect(missing[0]).toMatch(/^PostgreSQL on 127\.0\.0\.1:1 \(.*ECONNREFUSED.*\): start it/);
    // PostgreSQL does not answer a Redis PING: a service on the port is not enough.
    expect(missing[1]).toMatch(/^Redis on 127\.0\.0\.1:5432 \(/);
    expect(missing[2]).toBe(
      'Chromium at /nonexistent/chromium (not installed): apt-get install -y chromium',
    );
  });
});
