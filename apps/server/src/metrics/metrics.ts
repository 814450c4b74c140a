import { timingSafeEqual } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Settings } from '@praktijklus/config';
import type { EventStore, GroupCommitStats } from '@praktijklus/event-store';
import type { Projector } from '@praktijklus/projections';
import type { ReactorStatus } from '@praktijklus/reactor';
import { HttpProblem } from '../errors/problem';

export const METRICS_PATH = '/metrics';

/**
 * The process's metrics on a registry of its own (not prom-client's global one, so several
 * applications in one process do not collide). Gauges of the projector and reactor are read at scrape time.
 */
export class Metrics {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'praktijklus_http_request_duration_seconds',
    help: 'HTTP requests by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly commands = new Counter({
    name: 'praktijklus_commands_total',
    help: 'Domain commands by type and outcome (ok, refused by a domain rule, conflict, error)',
    labelNames: ['type', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly appendDuration = new Histogram({
    name: 'praktijklus_event_store_append_duration_seconds',
    help: 'Appends to the event log, including the wait for their group commit',
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  });

  readonly webhookDeliveries = new Counter({
    name: 'praktijklus_webhook_deliveries_total',
    help: 'Webhook and e-mail delivery attempts by result (delivered, retry, dead)',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });

  readonly rateLimited = new Counter({
    name: 'praktijklus_rate_limit_refusals_total',
    help: 'Requests refused with 429 by the rate limit',
    registers: [this.registry],
  });

  readonly asOfReplayDuration = new Histogram({
    name: 'praktijklus_as_of_replay_duration_seconds',
    help: 'asOf questions that had to replay the log from a snapshot (a new moment), by how long they took',
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 2, 5, 10, 30, 60, 120],
    registers: [this.registry],
  });

  readonly asOfEventsReplayed = new Counter({
    name: 'praktijklus_as_of_events_replayed_total',
    help: 'Events replayed into snapshots to answer asOf questions',
    registers: [this.registry],
  });

  /** `reader`: `thread` (the as-of thread, off the request loop) or `request-loop`. */
  readonly asOfHistoryAnswers = new Counter({
    name: 'praktijklus_as_of_history_answers_total',
    help: "asOf questions answered from time travel's history, without a replay, by reader",
    labelNames: ['reader'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** Group-commit counters of the SQLite store: appends / transactions is the mean group size. */
  observeGroupCommits(stats: () => GroupCommitStats): void {
    new Gauge({
      name: 'praktijklus_event_store_group_commits',
      help: 'Write transactions committed by the SQLite store since start (one per group)',
      registers: [this.registry],
      collect() {
        this.set(stats().transactions);
      },
    });
    new Gauge({
      name: 'praktijklus_event_store_group_commit_appends',
      help: 'Appends settled by those transactions since start',
      registers: [this.registry],
      collect() {
        this.set(stats().appends);
      },
    });
  }

  /**
   * The registry collects its metrics in the order they were registered: the gauges set by the
   * first one's `collect` are registered after it, so a scrape shows this moment, not the last scrape's.
   */
  observeProjector(projector: Pick<Projector, 'status'>): void {
    const labelNames = ['projection'] as const;
    const dependents: { behind?: Gauge<'projection'>; lag?: Gauge<'projection'> } = {};
    new Gauge({
      name: 'praktijklus_projection_position',
      help: 'Position in the log each read model has applied',
      labelNames,
      registers: [this.registry],
      collect() {
        for (const status of projector.status()) {
          const labels = { projection: status.name };
          const ordinal = Number(status.position ?? 0);
          if (Number.isFinite(ordinal)) this.set(labels, ordinal);
          if (status.eventsBehind !== null) dependents.behind?.set(labels, status.eventsBehind);
          if (status.lag !== null) dependents.lag?.set(labels, status.lag / 1000);
        }
      },
    });
    dependents.behind = new Gauge({
      name: 'praktijklus_projection_events_behind',
      help: 'Events in the log a read model has not applied yet',
      labelNames,
      registers: [this.registry],
    });
    dependents.lag = new Gauge({
      name: 'praktijklus_projection_lag_seconds',
      help: 'How long a read model has been behind the log (0 when caught up)',
      labelNames,
      registers: [this.registry],
    });
  }

  /**
   * The registry starts every collect before awaiting any: the first gauge asks the reactor (in its
   * thread, maybe) and the second awaits that same answer, so both show this moment.
   */
  observeReactor(reactor: { status(): ReactorStatus | Promise<ReactorStatus> }): void {
    let current: Promise<ReactorStatus> | undefined;
    new Gauge({
      name: 'praktijklus_reactor_outbox_depth',
      help: 'Notifications waiting to be delivered (this process when it leads the reactor)',
      registers: [this.registry],
      async collect() {
        current = Promise.resolve(reactor.status());
        this.set((await current).outboxDepth);
      },
    });
    new Gauge({
      name: 'praktijklus_reactor_pending_due_items',
      help: 'Deadlines and dates the reactor still waits for',
      registers: [this.registry],
      async collect() {
        this.set((await (current ?? Promise.resolve(reactor.status()))).pending);
      },
    });
  }

  /** Times every append of `store` (an own property over the class's method, nothing else changes). */
  instrumentAppends(store: EventStore): void {
    const append = store.append.bind(store);
    store.append = async (...args) => {
      const end = this.appendDuration.startTimer();
      try {
        return await append(...args);
      } finally {
        end();
      }
    };
  }
}

/**
 * The HTTP histogram on every answer, and GET /metrics: with METRICS_TOKEN as a bearer token on the
 * main port, and/or without a token on METRICS_PORT bound to 127.0.0.1. Neither set: 404 like any unknown path.
 */
export async function registerMetrics(
  app: NestFastifyApplication,
  fastify: FastifyInstance,
  settings: Settings,
): Promise<void> {
  const metrics = app.get(Metrics);
  fastify.addHook('onResponse', (request, reply, done) => {
    metrics.httpDuration.observe(
      {
        method: request.method,
        // Unknown paths share one label: a scanner must not grow the series without bound.
        route: request.routeOptions.url ?? 'unmatched',
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
    done();
  });

  const token = settings.metrics.token;
  if (token !== undefined) {
    fastify.get(METRICS_PATH, async (request, reply) => {
      if (!bearerMatches(request, token)) {
        throw new HttpProblem(401, 'UNAUTHENTICATED', 'GET /metrics needs the METRICS_TOKEN bearer token.', {
          'www-authenticate': 'Bearer',
        });
      }
      return scrape(metrics, reply);
    });
  }

  if (settings.metrics.port !== undefined) {
    const listener = Fastify({ logger: false });
    listener.get(METRICS_PATH, (_request, reply) => scrape(metrics, reply));
    app.getHttpServer().once('listening', () => {
      void listener.listen({ port: settings.metrics.port, host: '127.0.0.1' });
    });
    fastify.addHook('onClose', async () => listener.close());
  }
}

async function scrape(metrics: Metrics, reply: FastifyReply): Promise<string> {
  void reply.header('content-type', metrics.registry.contentType).header('cache-control', 'no-store');
  return metrics.registry.metrics();
}

function bearerMatches(request: FastifyRequest, token: string): boolean {
  const header = request.headers.authorization;
  if (typeof header !== 'string' || !header.startsWith('Bearer ')) return false;
  const given = Buffer.from(header.slice('Bearer '.length).trim(), 'utf8');
  const expected = Buffer.from(token, 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
