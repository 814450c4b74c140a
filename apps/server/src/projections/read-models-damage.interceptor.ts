import { CallHandler, ExecutionContext, Inject, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import type { Database } from 'better-sqlite3';
import { catchError, type Observable, throwError } from 'rxjs';
import { damageReason, isReadModelsDamage } from '@praktijklus/projections';
import type { Settings } from '@praktijklus/config';
import { SETTINGS } from '../config/settings.module';
import { READ_MODELS } from './projections.tokens';
import { ReadModelsCondition } from './read-models-condition';

const logger = new Logger('ReadModels');

/**
 * A view that hits SQLITE_CORRUPT may have read the vault or the log rather than the read models, so
 * the read-model file is blamed only when its own `quick_check` fails too; then the projector's
 * owner repairs it as if the projector had found the damage. Only the projecting instance checks:
 * it holds the lock, and its repair is what the other instances' connections then read.
 */
@Injectable()
export class ReadModelsDamageInterceptor implements NestInterceptor {
  constructor(
    @Inject(SETTINGS) private readonly settings: Settings,
    @Inject(READ_MODELS) private readonly db: Database,
    @Inject(ReadModelsCondition) private readonly condition: ReadModelsCondition,
  ) {}

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error: unknown) => {
        if (isReadModelsDamage(error) && this.settings.roles.includes('projector')) this.confirm(error);
        return throwError(() => error);
      }),
    );
  }

  private confirm(error: unknown): void {
    if (!this.condition.sound) return;
    let verdict: unknown;
    try {
      verdict = this.db.pragma('quick_check(1)', { simple: true });
    } catch (failure) {
      verdict = damageReason(failure);
    }
    if (verdict === 'ok') return;
    logger.error(
      `a view found the read-model file damaged (${damageReason(error)}); quick_check: ${String(verdict)}`,
    );
    this.condition.damaged(damageReason(error));
  }
}
