// The part of autocannon's API the benchmarks use (the package ships no types; @types/autocannon is not installed).
declare module "autocannon" {
  export interface Histogram {
    average: number;
    mean: number;
    p50: number;
    p90: number;
    p99: number;
    max: number;
  }
  export interface Result {
    requests: Histogram & { total: number };
    latency: Histogram;
    throughput: Histogram;
    duration: number;
    non2xx: number;
    errors: number;
    timeouts: number;
  }
  export interface Request {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string;
  }
  export interface Options {
    url: string;
    connections?: number;
    duration?: number;
    headers?: Record<string, string>;
    /** Each request may be rewritten just before it is sent (in-process only, no worker threads). */
    requests?: (Request & { setupRequest?: (request: Request) => Request })[];
  }
  function autocannon(options: Options): Promise<Result>;
  export default autocannon;
}
