import { testToken } from '@praktijklus/testing';
import { eventually, sleep } from './fault-server';

const MUNICIPALITIES = ['gm0344', 'gm0363', 'gm0599', 'gm0518', 'gm0014'];

/** What the server answered when it took a signal: where the write stands in the log. */
export interface Acknowledged {
  id: string;
  position: string;
  revision: number;
}

/** The signal a keyed request posts; its title carries the key, so every write can be found again. */
export const signalBody = (key: string): Record<string, unknown> => ({
  type: 'BARRIER',
  title: `Warmtepomp geweigerd ${key}`,
  description: 'De geluidsnorm voor installaties in het omgevingsplan maakt een warmtepomp onmogelijk.',
  policyDomain: 'building',
  level: 'IMPLEMENTATION',
  initiativeKind: 'CITIZEN_INITIATIVE',
  observedAt: '2025-10-01',
  authorities: ['gm0344'],
  norms: [{ ref: 'Omgevingsplan art. 4.2' }],
});

export interface KeyedClientsOptions {
  clients: number;
  requestsPerClient: number;
  /** Where attempt `attempt` of client `index` goes; undefined while there is no server to ask. */
  urlFor(index: number, attempt: number): string | undefined;
  /** A key still unanswered after this many attempts fails the test. */
  maxAttempts: number;
  timeoutMs: number;
  /** The answer every refusal must match: only the fault may refuse, nothing the client did is wrong. */
  refusal: unknown;
  /** The pause after a refusal, before the retry. */
  refusalPauseMs(): number;
  /** Told of a request that got no answer at all, before it is retried (throw to give up). */
  onNoAnswer?(error: unknown): void;
}

/**
 * Officers (one token each, spread over five municipalities) that post signals, each with its own
 * idempotency key, and retry a key until it is acknowledged, as a client that lost its answer would.
 */
export class KeyedClients {
  /** Every acknowledgement, by key: more than one where a retry was answered too. */
  readonly acknowledged = new Map<string, Acknowledged[]>();
  readonly statuses = new Map<number, number>();
  /** The keys acknowledged at least once. */
  acknowledgedCount = 0;
  /** The keys that needed more than one attempt. */
  retriedKeys = 0;

  private constructor(
    private readonly options: KeyedClientsOptions,
    private readonly tokens: string[],
  ) {}

  static async create(options: KeyedClientsOptions): Promise<KeyedClients> {
    const tokens = await Promise.all(
      Array.from({ length: options.clients }, (_, index) =>
        testToken({
          sub: `officer-${index}`,
          roles: ['officer'],
          authority: MUNICIPALITIES[index % MUNICIPALITIES.length] as string,
        }),
      ),
    );
    return new KeyedClients(options, tokens);
  }

  get total(): number {
    return this.options.clients * this.options.requestsPerClient;
  }

  /** Waits until this share of all requests has been acknowledged. */
  async untilAcknowledged(share: number): Promise<void> {
    await eventually(
      `${share * 100}% acknowledged`,
      () => (this.acknowledgedCount >= share * this.total ? true : undefined),
      120_000,
      10,
    );
  }

  static key(index: number, request: number): string {
    return `client-${index}-request-${request}`;
  }

  /** Posts the signal of `key` as client `index` to the server at `url`. */
  post(url: string, index: number, key: string): Promise<Response> {
    return fetch(`${url}/api/v1/signals`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${this.tokens[index]}`,
        'content-type': 'application/json',
        'idempotency-key': key,
      },
      body: JSON.stringify(signalBody(key)),
      signal: AbortSignal.timeout(this.options.timeoutMs),
    });
  }

  /** Every client posting its requests one after another, each until acknowledged. */
  run(): Promise<void> {
    return Promise.all(Array.from({ length: this.options.clients }, (_, index) => this.client(index))).then(
      () => undefined,
    );
  }

  /**
   * Sends every key once more, client `index` to `urlOf(index)`, and expects each to answer its
   * first write again.
   */
  async expectRepeatsAnswerFirstWrites(urlOf: (index: number) => string): Promise<void> {
    for (let index = 0; index < this.options.clients; index += 1) {
      await Promise.all(
        Array.from({ length: this.options.requestsPerClient }, async (_, request) => {
          const key = KeyedClients.key(index, request);
          const response = await this.post(urlOf(index), index, key);
          const [first] = this.acknowledged.get(key) ?? [];
          expect({ key, status: response.status, body: await response.json() }).toEqual({
            key,
            status: 201,
            body: first,
          });
        }),
      );
    }
  }

  private async client(index: number): Promise<void> {
    const { requestsPerClient, maxAttempts, refusal } = this.options;
    for (let request = 0; request < requestsPerClient; request += 1) {
      const key = KeyedClients.key(index, request);
      let last = '';
      for (let attempt = 0; ; attempt += 1) {
        if (attempt > maxAttempts) throw new Error(`${key}: no answer after ${attempt} attempts: ${last}`);
        if (attempt === 1) this.retriedKeys += 1;
        const url = this.options.urlFor(index, attempt);
        if (url === undefined) {
          await sleep(50);
          continue;
        }
        let status: number;
        let answer: unknown;
        try {
          const response = await this.post(url, index, key);
          status = response.status;
          answer = await response.json();
        } catch (error) {
          last = String(error);
          this.options.onNoAnswer?.(error);
          await sleep(50 + Math.random() * 100);
          continue;
        }
        this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
        last = `${status} ${JSON.stringify(answer)}`;
        if (status >= 200 && status < 300) {
          const written = answer as Acknowledged;
          const answers = this.acknowledged.get(key) ?? [];
          answers.push({ id: written.id, position: written.position, revision: written.revision });
          this.acknowledged.set(key, answers);
          if (answers.length === 1) this.acknowledgedCount += 1;
          break;
        }
        expect({ key, status, answer }).toEqual({ key, status: 503, answer: refusal });
        await sleep(this.options.refusalPauseMs());
      }
    }
  }
}
