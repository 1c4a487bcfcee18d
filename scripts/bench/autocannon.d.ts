// autocannon ships no types: the part of its API the benchmark uses (its README, "API").
declare module 'autocannon' {
  type Options = {
    url: string;
    connections: number;
    duration: number;
    method?: 'GET' | 'POST';
    headers?: Record<string, string>;
    body?: string;
    warmup?: { connections: number; duration: number };
    /** Each request sent in turn; onResponse sees every answer's status, body and headers. */
    requests?: {
      method?: 'GET' | 'POST';
      headers?: Record<string, string>;
      body?: string;
      onResponse?: (status: number, body: string, context: unknown, headers: Record<string, string>) => void;
    }[];
  };
  type Histogram = { average: number; p50: number; p99: number };
  type Result = {
    requests: Histogram;
    latency: Histogram;
    '2xx': number;
    '3xx': number;
    non2xx: number;
    errors: number;
    timeouts: number;
  };
  export default function autocannon(options: Options): Promise<Result>;
}
