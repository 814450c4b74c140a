import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Database } from 'better-sqlite3';
import type { FastifyReply } from 'fastify';
import { CurrentActor, Roles } from '@praktijklus/auth';
import { InitiativePersonalData } from '@praktijklus/commands';
import { mayReadInitiativeOf, type Actor } from '@praktijklus/domain';
import {
  listAgreements,
  listEscalations,
  escalationIdsVisibleTo,
  listExperiments,
  listPolicyChanges,
  listSignals,
  MAX_SIGNAL_PAGE_SIZE,
  signalStats,
  type SignalRow,
} from '@praktijklus/projections';
import { ReferenceData } from '@praktijklus/reference';
import { ApiAdministrationProblems } from '../escalations/administration-api';
import { BEARER_AUTH } from '../openapi/openapi';
import { READ_MODELS } from '../projections/projections.tokens';
import { accountabilityRows } from '../views/accountability/accountability-rows';
import { AgreementFilterInput, agreementFilterOf } from '../views/agreements/agreement-filter.input';
import { EscalationFilterInput, escalationFilterOf } from '../views/escalations/escalation-filter.input';
import { ExperimentFilterInput, experimentFilterOf } from '../views/experiments/experiment-filter.input';
import {
  PolicyChangeFilterInput,
  policyChangeFilterOf,
} from '../views/policy-changes/policy-change-filter.input';
import { SignalFilterInput, signalFilterOf } from '../views/signals/signal-filter.input';
import { escalationScopeOf, EVERY_ROLE, visibleToAuthorityOf } from '../views/viewer';
import { AccountabilityExportArgs, SignalStatsExportArgs, SignalsExportArgs } from './export-args';
import {
  ACCOUNTABILITY_COLUMNS,
  AGREEMENT_COLUMNS,
  ESCALATION_COLUMNS,
  EXPERIMENT_COLUMNS,
  headersOf,
  POLICY_CHANGE_COLUMNS,
  SIGNAL_COLUMNS,
  SIGNAL_STAT_COLUMNS,
  type SignalExportRow,
} from './export-columns';
import { exportQuery, type RawQuery } from './export-query';
import { pagesOf, sendCsv, type CsvColumn } from './csv-stream';

const LISTS = 'Lists are comma-separated (at most 50 values each), booleans `true` or `false`.';

/** The OpenAPI of one export: its view, its parameters and its columns. */
const ApiExport = <R>(view: string, columns: ReadonlyArray<CsvColumn<R>>, parameters: string[]) =>
  function (target: object, key: string | symbol, descriptor: PropertyDescriptor): void {
    ApiOperation({
      summary: `The ${view} view as CSV (the view's roles and scoping)`,
      description: `Query parameters: ${parameters.join(', ')}. ${LISTS} Every row the view counts in its totalCount, streamed; UTF-8 with BOM, RFC 4180, cells starting with = + - @ tab or CR prefixed with '. Columns: ${headersOf(columns)}`,
    })(target, key, descriptor);
    ApiProduces('text/csv')(target, key, descriptor);
    ApiResponse({ status: 200, description: 'The CSV file.', content: { 'text/csv': {} } })(
      target,
      key,
      descriptor,
    );
    ApiAdministrationProblems(400, 401, 403)(target, key, descriptor);
  };

/**
 * CSV exports of the policy views (PRODUCT.md views 1–7): the same filters as the GraphQL views'
 * inputs, validated by the same classes, answered by the same read-model queries and scopes, so a
 * file and its view cannot drift apart. A further view's export is one more method here with its
 * columns in export-columns.ts.
 */
@ApiTags('exports')
@ApiBearerAuth(BEARER_AUTH)
@Controller('api/v1/exports')
export class ExportsController {
  constructor(
    @Inject(READ_MODELS) private readonly db: Database,
    private readonly reference: ReferenceData,
    private readonly initiatives: InitiativePersonalData,
  ) {}

  @Get('signals.csv')
  @Roles(...EVERY_ROLE)
  @ApiExport('signals', SIGNAL_COLUMNS, ['the SignalFilter fields', 'search'])
  async signals(
    @CurrentActor() actor: Actor,
    @Query() query: RawQuery,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const { filter, args } = await exportQuery(query, SignalFilterInput, SignalsExportArgs);
    const rows = pagesOf((after) =>
      listSignals(this.db, {
        filter: signalFilterOf(filter),
        search: args?.search ?? null,
        first: MAX_SIGNAL_PAGE_SIZE,
        after,
        countTotal: false,
        ...visibleToAuthorityOf(actor),
      }),
    );
    return sendCsv(reply, 'signals.csv', SIGNAL_COLUMNS, this.withInitiatives(rows, actor));
  }

  @Get('signal-stats.csv')
  @Roles(...EVERY_ROLE)
  @ApiExport('signalStats', SIGNAL_STAT_COLUMNS, ['the SignalFilter fields', 'groupBy', 'bucket'])
  async signalStats(
    @CurrentActor() actor: Actor,
    @Query() query: RawQuery,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const { filter, args } = await exportQuery(query, SignalFilterInput, SignalStatsExportArgs);
    const rows = signalStats(this.db, {
      groupBy: args?.groupBy ?? [],
      filter: signalFilterOf(filter),
      bucket: args?.bucket ?? null,
      ...visibleToAuthorityOf(actor),
    });
    return sendCsv(reply, 'signal-stats.csv', SIGNAL_STAT_COLUMNS, rows);
  }

  @Get('escalations.csv')
  @Roles(...EVERY_ROLE)
  @ApiExport('escalations', ESCALATION_COLUMNS, ['the EscalationFilter fields'])
  async escalations(
    @CurrentActor() actor: Actor,
    @Query() query: RawQuery,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const { filter } = await exportQuery(query, EscalationFilterInput);
    const now = new Date();
    const rows = pagesOf((after) =>
      listEscalations(this.db, {
        filter: escalationFilterOf(filter),
        first: PAGE,
        after,
        now,
        ...escalationScopeOf(actor),
      }),
    );
    return sendCsv(reply, 'escalations.csv', ESCALATION_COLUMNS, rows);
  }

  @Get('agreements.csv')
  @Roles(...EVERY_ROLE)
  @ApiExport('agreements', AGREEMENT_COLUMNS, ['the AgreementFilter fields'])
  async agreements(@Query() query: RawQuery, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const { filter } = await exportQuery(query, AgreementFilterInput);
    const now = new Date();
    const rows = pagesOf((after) =>
      listAgreements(this.db, { filter: agreementFilterOf(filter), first: PAGE, after, now }),
    );
    return sendCsv(reply, 'agreements.csv', AGREEMENT_COLUMNS, rows);
  }

  @Get('experiments.csv')
  @Roles(...EVERY_ROLE)
  @ApiExport('experiments', EXPERIMENT_COLUMNS, ['the ExperimentFilter fields'])
  async experiments(@Query() query: RawQuery, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const { filter } = await exportQuery(query, ExperimentFilterInput);
    const now = new Date();
    const rows = pagesOf((after) =>
      listExperiments(this.db, { filter: experimentFilterOf(filter), first: PAGE, after, now }),
    );
    return sendCsv(reply, 'experiments.csv', EXPERIMENT_COLUMNS, rows);
  }

  @Get('policy-changes.csv')
  @Roles(...EVERY_ROLE)
  @ApiExport('policyChanges', POLICY_CHANGE_COLUMNS, ['the PolicyChangeFilter fields'])
  async policyChanges(
    @Query() query: RawQuery,
    @CurrentActor() actor: Actor,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const { filter } = await exportQuery(query, PolicyChangeFilterInput);
    const { visibleToAuthority } = escalationScopeOf(actor);
    const rows = pagesOf((after) =>
      listPolicyChanges(this.db, { filter: policyChangeFilterOf(filter), first: PAGE, after }),
    );
    // As in the view: the escalations behind a change only as far as the caller may read them.
    const scoped = (function* (db: Database) {
      for (const row of rows) {
        yield visibleToAuthority === undefined
          ? row
          : { ...row, escalationIds: escalationIdsVisibleTo(db, row.escalationIds, visibleToAuthority) };
      }
    })(this.db);
    return sendCsv(reply, 'policy-changes.csv', POLICY_CHANGE_COLUMNS, scoped);
  }

  @Get('accountability.csv')
  @Roles(...EVERY_ROLE)
  @ApiExport('accountability', ACCOUNTABILITY_COLUMNS, ['authority', 'layer'])
  async accountability(@Query() query: RawQuery, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const { filter } = await exportQuery(query, AccountabilityExportArgs);
    const rows = accountabilityRows(
      this.db,
      this.reference,
      { authority: filter?.authority ?? null, layer: filter?.layer ?? null },
      new Date(),
    );
    return sendCsv(reply, 'accountability.csv', ACCOUNTABILITY_COLUMNS, rows);
  }

  /** Each signal with its initiative's name and contact where the caller may see them (as GraphQL). */
  private async *withInitiatives(rows: Iterable<SignalRow>, actor: Actor): AsyncGenerator<SignalExportRow> {
    for (const signal of rows) {
      const view =
        signal.initiativeRef !== null && mayReadInitiativeOf(signal.reportingAuthority, actor)
          ? await this.initiatives.view(signal.initiativeRef)
          : null;
      const present = view !== null && !('erased' in view);
      yield {
        signal,
        initiativeName: present ? view.name : null,
        initiativeContact: present ? (view.contact ?? null) : null,
      };
    }
  }
}

/** Rows per read-model page: the lists' own cap. */
const PAGE = 100;
