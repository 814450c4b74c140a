import type { Type } from '@nestjs/common';
import { AgreementsModule } from './agreements/agreements.module';
import { CasesModule } from './cases/cases.module';
import { EscalationsModule } from './escalations/escalations.module';
import { ExperimentsModule } from './experiments/experiments.module';
import { PolicyChangesModule } from './policy-changes/policy-changes.module';
import { ExportsModule } from './exports/exports.module';
import { FollowLinksModule } from './follow-links/follow-links.module';
import { SignalsModule } from './signals/signals.module';
import { SubscriptionsModule } from './subscriptions/subscriptions.module';
import { ViewsModule } from './views/views.module';

/**
 * The feature modules (signals, escalations, agreements, experiments, views): each adds its REST
 * controllers and GraphQL resolvers. Append a module here to serve it.
 */
export const FEATURE_MODULES: Type[] = [
  ViewsModule,
  SignalsModule,
  EscalationsModule,
  AgreementsModule,
  ExperimentsModule,
  SubscriptionsModule,
  CasesModule,
  PolicyChangesModule,
  ExportsModule,
  FollowLinksModule,
];
