import { Global, Inject, Module, OnApplicationBootstrap } from '@nestjs/common';

import type { ProjectorHandle } from '../projections/projector-thread';
import type { ReactorHandle } from '../reactor/reactor-thread';
import type { Settings } from '@praktijklus/config';
import { SETTINGS } from '../config/settings.module';
import { PROJECTOR } from '../projections/projections.tokens';
import { REACTOR } from '../reactor/reactor.module';
import { Metrics } from './metrics';

@Global()
@Module({ providers: [Metrics], exports: [Metrics] })
export class MetricsModule implements OnApplicationBootstrap {
  constructor(
    private readonly metrics: Metrics,
    @Inject(SETTINGS) private readonly settings: Settings,
    @Inject(PROJECTOR) private readonly projector: ProjectorHandle,
    @Inject(REACTOR) private readonly reactor: ReactorHandle,
  ) {}

  onApplicationBootstrap(): void {
    if (this.settings.roles.includes('projector')) this.metrics.observeProjector(this.projector);
    if (this.settings.roles.includes('reactor')) this.metrics.observeReactor(this.reactor);
  }
}
