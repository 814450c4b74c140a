import { Controller, Get, Inject, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Database } from 'better-sqlite3';
import type { FastifyReply } from 'fastify';
import { CurrentActor, Roles } from '@praktijklus/auth';
import { type Actor, hasRole } from '@praktijklus/domain';
import type { EventStore } from '@praktijklus/event-store';
import { listCases } from '@praktijklus/projections';
import { historyEntryOf, type HistoryEntry } from '@praktijklus/commands';
import { ApiAdministrationProblems } from '../escalations/administration-api';
import { ResourceIdPipe } from '../escalations/resource-id.pipe';
import { EVENT_STORE } from '../event-store/event-store.tokens';
import { NoQueryPipe } from '../http/no-query.pipe';
import { BEARER_AUTH } from '../openapi/openapi';
import { READ_MODELS } from '../projections/projections.tokens';
import { HistoryEntryDto } from '../signals/api-responses.dto';
import { CaseFileAssembler, type CaseFile } from './case-file.assembler';
import { renderCaseFilePdf } from './case-file.pdf';
import { CaseFileView, CaseSummaryView } from './case-file.view';
import { visibleCase } from './case-stream';

const WAITING_DEFINITION =
  'waiting: per authority, the days it held the matter, to one decimal: the union over the case’s escalations of the periods the escalation was addressed to it (from raising, a transfer to it or a reopening, until a decision or a transfer away) and, for an authority non-response climbed to, from the climb until the decision; still undecided: until now.';

@ApiTags('cases')
@ApiBearerAuth(BEARER_AUTH)
@Controller('api/v1/cases')
export class CaseFileController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODELS) private readonly db: Database,
    private readonly assembler: CaseFileAssembler,
  ) {}

  @Get()
  @Roles('officer', 'analyst', 'admin')
  @ApiOperation({
    summary: 'The cases the caller may open, most recently changed first (at most 200)',
    description:
      'Analysts see every case; officers and administrators the cases their authority is a party of.',
  })
  @ApiOkResponse({ type: [CaseSummaryView] })
  @ApiAdministrationProblems(401)
  list(@Query(NoQueryPipe) _query: undefined, @CurrentActor() actor: Actor): CaseSummaryView[] {
    return listCases(this.db, hasRole(actor, 'analyst') ? null : actor.authority);
  }

  @Get(':id/file')
  @Roles('officer', 'analyst', 'admin')
  @ApiOperation({
    summary: 'The case file: every event of its signals and what they reached, with waiting times',
    description: `Assembled from the log at read time: the case’s signals, escalations that include one of them, and agreements and experiments answering those escalations. Readable by analysts and the parties (the signals’ reporting authorities); others get 404, as for an unknown id. ${WAITING_DEFINITION}`,
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({
    type: CaseFileView,
    headers: {
      ETag: { description: 'The case stream’s revision, for If-Match', schema: { type: 'string' } },
    },
  })
  @ApiAdministrationProblems(400, 401, 404)
  async file(
    @Param('id', ResourceIdPipe) id: string,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CaseFile> {
    const { state, revision } = await visibleCase(this.store, id, actor);
    void reply.header('etag', `"${revision}"`);
    return (await this.assembler.assemble(state, new Date())).file;
  }

  @Get(':id/history')
  @Roles('officer', 'analyst', 'admin')
  @ApiOperation({ summary: 'A case’s events in order, with actor, time and correlation id (as the file)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: [HistoryEntryDto] })
  @ApiAdministrationProblems(400, 401, 404)
  async history(
    @Param('id', ResourceIdPipe) id: string,
    @CurrentActor() actor: Actor,
  ): Promise<HistoryEntry[]> {
    const { events } = await visibleCase(this.store, id, actor);
    return events.map(historyEntryOf);
  }

  @Get(':id/file.pdf')
  @Roles('officer', 'analyst', 'admin')
  @ApiOperation({
    summary: 'The case file as a PDF for the joint review (A4, Dutch)',
    description:
      'Title page facts, the timeline as a table, and a figure with a bar per authority for the periods it held the matter. Same visibility as the file.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The PDF.', schema: { type: 'string', format: 'binary' } })
  @ApiAdministrationProblems(400, 401, 404)
  async pdf(
    @Param('id', ResourceIdPipe) id: string,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const { state } = await visibleCase(this.store, id, actor);
    const assembled = await this.assembler.assemble(state, new Date());
    const pdf = await renderCaseFilePdf(assembled, (authority) => this.assembler.nameOf(authority));
    void reply.header('cache-control', 'private, no-store');
    return new StreamableFile(pdf, {
      type: 'application/pdf',
      disposition: `attachment; filename="dossier-${id}.pdf"`,
      length: pdf.length,
    });
  }
}
