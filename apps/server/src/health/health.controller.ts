import { Controller, Get, HttpCode, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '@praktijklus/auth';
import {
  PostgresEventStore,
  type EventStore,
  type PostgresDatabaseStatus,
  type PostgresPoolStatus,
} from '@praktijklus/event-store';
import type { ProjectionStatus } from '@praktijklus/projections';
import type { ProjectorHandle } from '../projections/projector-thread';
import type { Settings } from '@praktijklus/config';
import { SETTINGS } from '../config/settings.module';
import { EVENT_STORE } from '../event-store/event-store.tokens';
import { PROJECTOR } from '../projections/projections.tokens';
import { ReadModelsCondition, type ReadModelsReport } from '../projections/read-models-condition';
import type { ReactorStatus } from '@praktijklus/reactor';
import type { ReactorHandle } from '../reactor/reactor-thread';
import { REACTOR } from '../reactor/reactor.module';

const STORE_PING_TIMEOUT_MS = 2000;

export interface Readiness {
  ready: boolean;
  store: {
    reachable: boolean;
    kind: Settings['eventStore'];
    error?: string;
    /** False while the storage refuses writes (full, read-only); absent when the store cannot tell. */
    writable?: boolean;
    writeError?: string;
    /** PostgreSQL only: this process's connections (in use = total - idle; waiting = queries queued for one). */
    pool?: PostgresPoolStatus;
    /** PostgreSQL only: the database as the last successful ping saw it. */
    database?: PostgresDatabaseStatus;
  };
  projector: { running: boolean; headPosition: string | null };
  projections: ProjectionStatus[];
  /** The read-model file: `damaged` or `rebuilding` (after it was moved aside) make the instance unready. */
  readModels: ReadModelsReport;
  /** Null unless ROLES includes `reactor`; its failures are shown but do not make the instance unready. */
  reactor: ReactorStatus | null;
}

@ApiTags('health')
@Controller()
export class HealthController {
  constructor(
    @Inject(SETTINGS) private readonly settings: Settings,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PROJECTOR) private readonly projector: ProjectorHandle,
    @Inject(ReadModelsCondition) private readonly readModels: ReadModelsCondition,
    @Inject(REACTOR) private readonly reactor: ReactorHandle,
  ) {}

  @Get('health')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ description: 'The process is alive.' })
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /**
   * Ready to take traffic: the store answers and no projection has halted. 503 otherwise, with the
   * same body. A store that refuses writes (disk full, read-only) still serves reads, so it shows
   * `writable: false` without making the instance unready. A projection that is catching up (e.g. rebuilding a new version) does not make the
   * instance unready: its lag is shown and X-Consistent-With lets a client wait for it.
   */
  @Get('ready')
  @Public()
  @ApiOkResponse({ description: 'Store reachable, no projection halted; positions and lag per projection.' })
  @ApiServiceUnavailableResponse({ description: 'Store unreachable or a projection halted (same body).' })
  async ready(@Res() reply: FastifyReply): Promise<void> {
    const store = await this.pingStore();
    const running = this.settings.roles.includes('projector');
    const projections = this.projector.status();
    const readModels = this.readModels.report(projections);
    const ready =
      store.reachable && readModels.status === 'ok' && projections.every((p) => p.status !== 'halted');
    const writes = this.store.writeHealth?.();
    const body: Readiness = {
      ready,
      store: {
        ...store,
        kind: this.settings.eventStore,
        ...(writes && { writable: writes.writable }),
        ...(writes?.error !== undefined && { writeError: writes.error }),
        ...this.postgresReport(),
      },
      projector: { running, headPosition: this.projector.headPosition },
      projections,
      readModels,
      reactor: this.settings.roles.includes('reactor') ? await this.reactor.status() : null,
    };
    // Sent here: Nest would apply the route's 200 over a status set on a passthrough reply.
    await reply.status(ready ? 200 : 503).send(body);
  }

  private postgresReport(): { pool?: PostgresPoolStatus; database?: PostgresDatabaseStatus } {
    if (!(this.store instanceof PostgresEventStore)) return {};
    const database = this.store.databaseStatus();
    return { pool: this.store.poolStatus(), ...(database && { database }) };
  }

  private async pingStore(): Promise<{ reachable: boolean; error?: string }> {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.store.ping(),
        new Promise((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`no answer within ${STORE_PING_TIMEOUT_MS} ms`)),
            STORE_PING_TIMEOUT_MS,
          );
        }),
      ]);
      return { reachable: true };
    } catch (error) {
      // The kind of failure only: messages of drivers may carry hosts or paths.
      return { reachable: false, error: error instanceof Error ? error.name : 'unknown' };
    } finally {
      clearTimeout(timer);
    }
  }
}
