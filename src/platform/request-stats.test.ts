// Request counts and latencies as Prometheus reads them: each request in the
// first bucket whose bound it does not exceed (a bound itself included),
// buckets cumulative, +Inf, sum and count per method and route, counts per
// status, in the text a Prometheus server scrapes from the registry.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Registry } from 'prom-client';
import { RequestStats } from './request-stats.ts';

function scrape(stats: RequestStats): Promise<string> {
  const registry = new Registry();
  stats.register(registry);
  return registry.metrics();
}

const line = (text: string, prefix: string) =>
  text
    .split('\n')
    .find((l) => l.startsWith(`${prefix} `))
    ?.slice(prefix.length + 1);

describe('request stats', () => {
  it('counts by status and puts each latency in its bucket, bounds included', async () => {
    const stats = new RequestStats();
    const ok = stats.recorder('GET', '/*', 200);
    const missing = stats.recorder('GET', '/*', 404);
    for (const seconds of [0.0005, 0.001, 0.003, 0.2, 7]) ok(seconds);
    missing(0.002);
    const text = await scrape(stats);
    assert.equal(
      line(text, 'yimen_http_requests_total{method="GET",route="/*",status="200"}'),
      '5',
    );
    assert.equal(
      line(text, 'yimen_http_requests_total{method="GET",route="/*",status="404"}'),
      '1',
    );
    const bucket = (le: string) =>
      line(text, `yimen_http_request_duration_seconds_bucket{le="${le}",method="GET",route="/*"}`);
    assert.equal(bucket('0.001'), '2', '0.0005 and 0.001 (a bound is in its own bucket)');
    assert.equal(bucket('0.0025'), '3', 'and the 404 at 0.002');
    assert.equal(bucket('0.005'), '4');
    assert.equal(bucket('0.25'), '5');
    assert.equal(bucket('5'), '5', '7 s is above every bound');
    assert.equal(bucket('+Inf'), '6');
    assert.equal(
      line(text, 'yimen_http_request_duration_seconds_count{method="GET",route="/*"}'),
      '6',
    );
    const sum = Number(
      line(text, 'yimen_http_request_duration_seconds_sum{method="GET",route="/*"}'),
    );
    assert.ok(Math.abs(sum - 7.2065) < 1e-9, String(sum));
    assert.match(text, /# TYPE yimen_http_requests_total counter/);
    assert.match(text, /# TYPE yimen_http_request_duration_seconds histogram/);
  });

  it('keeps methods and routes apart, and a recorder asked for twice adds to the same series', async () => {
    const stats = new RequestStats();
    stats.recorder('GET', '/', 200)(0.01);
    stats.recorder('GET', '/', 200)(0.01);
    stats.recorder('HEAD', '/', 200)(0.01);
    stats.recorder('GET', '/search', 200)(0.01);
    const text = await scrape(stats);
    assert.equal(line(text, 'yimen_http_requests_total{method="GET",route="/",status="200"}'), '2');
    assert.equal(
      line(text, 'yimen_http_requests_total{method="HEAD",route="/",status="200"}'),
      '1',
    );
    assert.equal(
      line(text, 'yimen_http_request_duration_seconds_count{method="GET",route="/search"}'),
      '1',
    );
  });

  it('starts again from zero after a reset, through the recorders already handed out', async () => {
    const stats = new RequestStats();
    const registry = new Registry();
    stats.register(registry);
    const record = stats.recorder('GET', '/', 200);
    record(0.01);
    await registry.resetMetrics();
    assert.doesNotMatch(await registry.metrics(), /yimen_http_requests_total\{/);
    record(0.02);
    const text = await registry.metrics();
    assert.equal(line(text, 'yimen_http_requests_total{method="GET",route="/",status="200"}'), '1');
    assert.equal(
      line(text, 'yimen_http_request_duration_seconds_sum{method="GET",route="/"}'),
      '0.02',
    );
  });
});
