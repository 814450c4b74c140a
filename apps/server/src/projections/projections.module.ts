import {
  Global,
  Inject,
  Logger,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  OnModuleDestroy,
} from '@nestjs/common';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { EventStore } from '@praktijklus/event-store';
import { openReadModels, Projector } from '@praktijklus/projections';
import { ReferenceData } from '@praktijklus/reference';
import type { Settings } from '../config/settings';
import { SETTINGS } from '../config/settings.module';
import { EVENT_STORE } from '../event-store/event-store.tokens';
import type { ConsistencyWaiter } from '../graphql/consistency.plugin';
import { createProjector } from './create-projector';
import { acquireProjectorLock, type ProjectorLock } from './projector-lock';
import { CONSISTENCY_WAITER, PROJECTOR, READ_MODELS } from './projections.tokens';

export const READ_MODELS_FILE = 'readmodels.sqlite';

const logger = new Logger('Projector');

/**
 * The read models under DATA_DIR and, when ROLES includes `projector`, the projector feeding them:
 * started once the application is up (holding the projector lock of DATA_DIR), stopped before the
 * HTTP server and the store close.
 */
@Global()
@Module({
  providers: [
    {
      provide: READ_MODELS,
      inject: [SETTINGS],
      useFactory: (settings: Settings): Database => openReadModels(join(settings.dataDir, READ_MODELS_FILE)),
    },
    {
      provide: PROJECTOR,
      inject: [SETTINGS, EVENT_STORE, READ_MODELS, ReferenceData],
      useFactory: (settings: Settings, store: EventStore, db: Database, reference: ReferenceData) =>
        createProjector(settings, store, db, reference, {
          log: (message) => logger.log(message),
          warn: (message) => logger.warn(message),
          error: (message) => logger.error(message),
        }),
    },
    {
      provide: CONSISTENCY_WAITER,
      inject: [SETTINGS, PROJECTOR],
      useFactory: (settings: Settings, projector: Projector): ConsistencyWaiter | undefined =>
        settings.roles.includes('projector') ? projector : undefined,
    },
  ],
  exports: [READ_MODELS, PROJECTOR, CONSISTENCY_WAITER],
})
export class ProjectionsModule implements OnApplicationBootstrap, OnModuleDestroy, OnApplicationShutdown {
  private lock: ProjectorLock | undefined;

  constructor(
    @Inject(SETTINGS) private readonly settings: Settings,
    @Inject(PROJECTOR) private readonly projector: Projector,
    @Inject(READ_MODELS) private readonly db: Database,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.settings.roles.includes('projector')) return;
    this.lock = await acquireProjectorLock(this.settings.dataDir);
    await this.projector.start();
  }

  async onModuleDestroy(): Promise<void> {
    if (!this.lock) return;
    await this.projector.stop();
    this.lock.release();
    this.lock = undefined;
  }

  onApplicationShutdown(): void {
    if (this.db.open) this.db.close();
  }
}
