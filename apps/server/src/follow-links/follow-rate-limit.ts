import { HttpProblem } from '../errors/problem';

const WINDOW_MS = 60_000;
/** Requests per address per minute: a person reading their page never needs more. */
export const FOLLOW_REQUESTS_PER_MINUTE = 30;
/** Addresses remembered at most; past it the oldest windows are forgotten first. */
const MAX_ADDRESSES = 10_000;

/**
 * A fixed window per client address for the anonymous follow route, always on (unlike the global
 * limit, which RATE_LIMIT_PER_MINUTE may switch off): guessing tokens must stay slow.
 */
export class FollowRateLimit {
  private readonly windows = new Map<string, { start: number; count: number }>();

  take(address: string, now: number): void {
    let window = this.windows.get(address);
    if (!window || now - window.start >= WINDOW_MS) {
      this.windows.delete(address);
      if (this.windows.size >= MAX_ADDRESSES) {
        const oldest = this.windows.keys().next().value;
        if (oldest !== undefined) this.windows.delete(oldest);
      }
      window = { start: now, count: 0 };
      this.windows.set(address, window);
    }
    window.count += 1;
    if (window.count > FOLLOW_REQUESTS_PER_MINUTE) {
      const retry = Math.max(1, Math.ceil((window.start + WINDOW_MS - now) / 1000));
      throw new HttpProblem(429, 'TOO_MANY_REQUESTS', `Too many requests; retry in ${retry} seconds.`, {
        'retry-after': String(retry),
      });
    }
  }
}
