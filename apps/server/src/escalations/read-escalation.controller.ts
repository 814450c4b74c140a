import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentActor, Roles } from '@praktijklus/auth';
import type { EventStore } from '@praktijklus/event-store';
import { escalationHistoryChanges, type Actor } from '@praktijklus/domain';
import { historyWithChanges, type HistoryEntry } from '@praktijklus/commands';
import { EVENT_STORE } from '../event-store/event-store.tokens';
import { BEARER_AUTH } from '../openapi/openapi';
import { HistoryEntryDto } from '../signals/api-responses.dto';
import { ApiAdministrationProblems } from './administration-api';
import { EscalationView, escalationViewOf } from './escalation.view';
import { visibleEscalation } from './escalation-stream';
import { ResourceIdPipe } from './resource-id.pipe';

/** Readable by the raising, the addressed and the involved authorities and by analysts; others get 404. */
@ApiTags('escalations')
@ApiBearerAuth(BEARER_AUTH)
@Controller('api/v1/escalations')
export class ReadEscalationController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get(':id')
  @Roles('officer', 'analyst', 'admin')
  @ApiOperation({
    summary: 'An escalation as it is now (involved authorities, analyst)',
    description:
      'Built from the escalation’s stream. Authorities that are not involved (previous addressees included) get 404, as for an escalation that does not exist.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({
    type: EscalationView,
    headers: { ETag: { description: 'The stream revision, for If-Match', schema: { type: 'string' } } },
  })
  @ApiAdministrationProblems(400, 401, 403, 404)
  async read(
    @Param('id', ResourceIdPipe) id: string,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<EscalationView> {
    const { state, revision } = await visibleEscalation(this.store, id, actor);
    void reply.header('etag', `"${revision}"`);
    return escalationViewOf(state, revision, new Date().toISOString());
  }

  @Get(':id/history')
  @Roles('officer', 'analyst', 'admin')
  @ApiOperation({
    summary: 'An escalation’s events in order, with actor, time and correlation id (as the GET)',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: [HistoryEntryDto] })
  @ApiAdministrationProblems(400, 401, 403, 404)
  async history(
    @Param('id', ResourceIdPipe) id: string,
    @CurrentActor() actor: Actor,
  ): Promise<HistoryEntry[]> {
    const { events } = await visibleEscalation(this.store, id, actor);
    return historyWithChanges(events, escalationHistoryChanges);
  }
}
