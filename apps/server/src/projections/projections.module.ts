import {
  Global,
  Inject,
  Logger,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  OnModuleDestroy,
} from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { parseSqlitePosition, type EventStore } from '@praktijklus/event-store';
import {
  acquireProjectorLock,
  openCheckedReadModels,
  openReadModels,
  Projector,
  type ProjectorLock,
  type ProjectorLogger,
  replaceDamagedReadModels,
} from '@praktijklus/projections';
import { ReferenceData } from '@praktijklus/reference';
import { projectorOptions, READ_MODELS_FILE, type Settings } from '@praktijklus/config';
import { SETTINGS } from '../config/settings.module';
import { EVENT_STORE } from '../event-store/event-store.tokens';
import type { ConsistencyWaiter } from '../graphql/consistency.plugin';
import {
  CONSISTENCY_WAITER,
  HISTORY_THREAD,
  PROJECTOR,
  PROJECTOR_LOCK,
  READ_MODELS,
} from './projections.tokens';
import { HistoryThread, keepsHistory } from './history-thread';
import { ReadModelsDamageInterceptor } from './read-models-damage.interceptor';
import { ReadModelsCondition } from './read-models-condition';
import { traceProjectorBatch } from '../tracing/spans';
import { projectorInThread, ProjectorThread, type ProjectorHandle } from './projector-thread';

const logger = new Logger('Projector');

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** The thread starts loading now (the file was checked, the lock is held); bootstrap waits for it. */
const launched = (thread: ProjectorThread): ProjectorThread => {
  thread.launch();
  return thread;
};

const projectorLogger: ProjectorLogger = {
  log: (message) => logger.log(message),
  warn: (message) => logger.warn(message),
  error: (message) => logger.error(message),
};

/**
 * The read models under DATA_DIR and, when ROLES includes `projector`, the projector feeding them:
 * the projector lock of DATA_DIR is taken before the file is opened (so only its holder checks and
 * repairs it), the projector started once the application is up and stopped before the HTTP server
 * and the store close. With BACKGROUND_THREAD=worker (the default) the projector runs in a thread of
 * its own; otherwise on the request loop. An instance without the role reads the checkpoints.
 */
@Global()
@Module({
  providers: [
    { provide: ReadModelsCondition, useFactory: () => new ReadModelsCondition() },
    { provide: APP_INTERCEPTOR, useClass: ReadModelsDamageInterceptor },
    {
      provide: PROJECTOR_LOCK,
      inject: [SETTINGS],
      useFactory: async (settings: Settings): Promise<ProjectorLock | undefined> =>
        settings.roles.includes('projector') ? acquireProjectorLock(settings.readModelsDir) : undefined,
    },
    {
      provide: READ_MODELS,
      inject: [SETTINGS, PROJECTOR_LOCK, ReadModelsCondition],
      useFactory: (settings: Settings, lock: ProjectorLock | undefined, condition: ReadModelsCondition) => {
        const file = join(settings.readModelsDir, READ_MODELS_FILE);
        if (!lock) return openReadModels(file);
        const at = new Date();
        const { db, damage } = openCheckedReadModels(file, at);
        if (damage) {
          logger.warn(
            `the read-model file was damaged (${damage.reason}); moved aside as ${damage.movedTo}, rebuilding it from the log`,
          );
          condition.rebuildingAfter({ ...damage, at: at.toISOString() });
        }
        return db;
      },
    },
    {
      provide: PROJECTOR,
      inject: [SETTINGS, EVENT_STORE, READ_MODELS, ReferenceData, ReadModelsCondition],
      useFactory: (
        settings: Settings,
        store: EventStore,
        db: Database,
        reference: ReferenceData,
        condition: ReadModelsCondition,
      ): ProjectorHandle =>
        projectorInThread(settings)
          ? launched(
              new ProjectorThread({
                settings,
                store,
                positionOrdinal: parseSqlitePosition,
                logger: projectorLogger,
                onDamage: (reason) => condition.damaged(reason),
              }),
            )
          : new Projector({
              ...projectorOptions(settings, store, reference, projectorLogger),
              db,
              onDamage: (reason) => condition.damaged(reason),
              ...(settings.tracing.endpoint !== undefined ? { traceBatch: traceProjectorBatch } : {}),
            }),
    },
    {
      provide: HISTORY_THREAD,
      inject: [SETTINGS, PROJECTOR_LOCK],
      useFactory: (settings: Settings, lock: ProjectorLock | undefined): HistoryThread | undefined =>
        lock && keepsHistory(settings) ? new HistoryThread(settings, projectorLogger) : undefined,
    },
    {
      provide: CONSISTENCY_WAITER,
      inject: [SETTINGS, PROJECTOR],
      useFactory: (settings: Settings, projector: ProjectorHandle): ConsistencyWaiter | undefined =>
        settings.roles.includes('projector') ? projector : undefined,
    },
  ],
  exports: [READ_MODELS, PROJECTOR, CONSISTENCY_WAITER, ReadModelsCondition],
})
export class ProjectionsModule implements OnApplicationBootstrap, OnModuleDestroy, OnApplicationShutdown {
  constructor(
    @Inject(SETTINGS) private readonly settings: Settings,
    @Inject(PROJECTOR) private readonly projector: ProjectorHandle,
    @Inject(READ_MODELS) private readonly db: Database,
    @Inject(PROJECTOR_LOCK) private lock: ProjectorLock | undefined,
    @Inject(ReadModelsCondition) private readonly condition: ReadModelsCondition,
    @Inject(HISTORY_THREAD) private readonly history: HistoryThread | undefined,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.lock) return;
    this.condition.whenDamaged((reason) => void this.repair(reason));
    await this.projector.start();
    this.history?.start();
  }

  async onModuleDestroy(): Promise<void> {
    if (!this.lock) return;
    await this.history?.stop();
    await this.projector.stop();
    this.lock.release();
    this.lock = undefined;
  }

  onApplicationShutdown(): void {
    if (this.db.open) this.db.close();
  }

  /** The read models are disposable: keep the damaged file aside, empty it, replay the log. */
  private async repair(reason: string): Promise<void> {
    const at = new Date();
    const file = join(this.settings.readModelsDir, READ_MODELS_FILE);
    try {
      let movedTo = '';
      await this.projector.replaceDamagedFile(async () => {
        movedTo = await replaceDamagedReadModels(this.db, file, at);
      });
      this.condition.rebuildingAfter({ reason, movedTo, at: at.toISOString() });
      logger.warn(`the damaged read-model file was copied aside as ${movedTo}; rebuilding it from the log`);
    } catch (error) {
      logger.error(
        `replacing the damaged read-model file failed; restart the server to rebuild it: ${messageOf(error)}`,
      );
    }
  }
}
