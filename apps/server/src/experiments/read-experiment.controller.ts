import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '@praktijklus/auth';
import type { EventStore } from '@praktijklus/event-store';
import { historyEntryOf, type HistoryEntry } from '@praktijklus/commands';
import { ApiAdministrationProblems } from '../escalations/administration-api';
import { ResourceIdPipe } from '../escalations/resource-id.pipe';
import { EVENT_STORE } from '../event-store/event-store.tokens';
import { BEARER_AUTH } from '../openapi/openapi';
import { HistoryEntryDto } from '../signals/api-responses.dto';
import { existingExperiment } from './experiment-stream';
import { ExperimentView, experimentViewOf } from './experiment.view';

/**
 * Binding experiments are public accountability between governments: every role reads every one,
 * as in the GraphQL `experiments` view (the decider's refusals are 403 for the same reason).
 */
@ApiTags('experiments')
@ApiBearerAuth(BEARER_AUTH)
@Controller('api/v1/experiments')
export class ReadExperimentController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get(':id')
  @Roles('officer', 'analyst', 'admin')
  @ApiOperation({
    summary: 'An experiment as it is now (every role)',
    description:
      'Built from the experiment’s stream, with its overdue flag (past endsOn without an evaluation).',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({
    type: ExperimentView,
    headers: { ETag: { description: 'The stream revision, for If-Match', schema: { type: 'string' } } },
  })
  @ApiAdministrationProblems(400, 401, 404)
  async read(
    @Param('id', ResourceIdPipe) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ExperimentView> {
    const { state, revision } = await existingExperiment(this.store, id);
    void reply.header('etag', `"${revision}"`);
    return experimentViewOf(state, revision, new Date().toISOString());
  }

  @Get(':id/history')
  @Roles('officer', 'analyst', 'admin')
  @ApiOperation({
    summary: 'An experiment’s events in order, with actor, time and correlation id (every role)',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: [HistoryEntryDto] })
  @ApiAdministrationProblems(400, 401, 404)
  async history(@Param('id', ResourceIdPipe) id: string): Promise<HistoryEntry[]> {
    const { events } = await existingExperiment(this.store, id);
    return events.map(historyEntryOf);
  }
}
