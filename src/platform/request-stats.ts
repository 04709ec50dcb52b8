// HTTP request counts and latencies by method and route pattern, kept as
// plain numbers and written out by the Prometheus registry at scrape time.
// prom-client's own Counter and Histogram validate and hash their labels on
// every inc and observe, even through a bound child: 4 % of a cached page's
// CPU (docs/PERFORMANCE.md). Here each (method, route, status) is looked up
// once, and a request adds to a few numbers. The text is what prom-client's
// Counter and Histogram would write.
import type { Registry } from 'prom-client';

/** Upper bounds of the latency buckets, in seconds. */
const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

interface Count {
  labels: { method: string; route: string; status: string };
  value: number;
}

interface Latency {
  labels: { method: string; route: string };
  /** Requests per bucket (not cumulative); the last one is above every bound. */
  buckets: number[];
  sum: number;
  count: number;
}

/** The first bucket whose bound is at least `seconds`, as prom-client's findBound. */
function bucketOf(seconds: number): number {
  let i = 0;
  while (i < BUCKETS.length && seconds > BUCKETS[i]!) i++;
  return i;
}

export class RequestStats {
  private readonly counts = new Map<string, Count>();
  private readonly latencies = new Map<string, Latency>();

  /** Records one request of this method, route and status, taking `seconds`. */
  recorder(method: string, route: string, status: number): (seconds: number) => void {
    const countKey = `${method} ${status} ${route}`;
    let count = this.counts.get(countKey);
    if (!count) {
      count = { labels: { method, route, status: String(status) }, value: 0 };
      this.counts.set(countKey, count);
    }
    const latencyKey = `${method} ${route}`;
    let latency = this.latencies.get(latencyKey);
    if (!latency) {
      latency = {
        labels: { method, route },
        buckets: BUCKETS.map(() => 0).concat(0),
        sum: 0,
        count: 0,
      };
      this.latencies.set(latencyKey, latency);
    }
    const c = count;
    const l = latency;
    return (seconds) => {
      c.value++;
      l.count++;
      l.sum += seconds;
      l.buckets[bucketOf(seconds)]!++;
    };
  }

  /** Adds yimen_http_requests_total and yimen_http_request_duration_seconds to `registry`. */
  register(registry: Registry): void {
    const counter = {
      name: 'yimen_http_requests_total',
      help: 'HTTP requests by method, route pattern and status code',
      type: 'counter',
      aggregator: 'sum',
      get: async () => ({
        ...counter,
        values: [...this.counts.values()].filter((c) => c.value > 0),
      }),
      // Recorders already handed out keep their series: zeroed, not dropped.
      reset: () => {
        for (const c of this.counts.values()) c.value = 0;
      },
    };
    const histogram = {
      name: 'yimen_http_request_duration_seconds',
      help: 'HTTP request latency by method and route pattern',
      type: 'histogram',
      aggregator: 'sum',
      get: async () => ({
        ...histogram,
        values: [...this.latencies.values()].filter((l) => l.count > 0).flatMap(series),
      }),
      reset: () => {
        for (const l of this.latencies.values()) {
          l.buckets.fill(0);
          l.sum = 0;
          l.count = 0;
        }
      },
    };
    // prom-client's registry takes any object of this shape.
    registry.registerMetric(counter as never);
    registry.registerMetric(histogram as never);
  }
}

/** A latency series as the lines of a Prometheus histogram. */
function series({ labels, buckets, sum, count }: Latency) {
  const name = 'yimen_http_request_duration_seconds';
  let below = 0;
  const lines = BUCKETS.map((bound, i) => {
    below += buckets[i]!;
    return { metricName: `${name}_bucket`, labels: { le: bound, ...labels }, value: below };
  });
  return [
    ...lines,
    { metricName: `${name}_bucket`, labels: { le: '+Inf', ...labels }, value: count },
    { metricName: `${name}_sum`, labels, value: sum },
    { metricName: `${name}_count`, labels, value: count },
  ];
}
