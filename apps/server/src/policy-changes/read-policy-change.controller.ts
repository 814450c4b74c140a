import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentActor, Roles } from '@praktijklus/auth';
import type { Actor } from '@praktijklus/domain';
import type { EventStore } from '@praktijklus/event-store';
import { historyEntryOf, type HistoryEntry } from '@praktijklus/commands';
import { ApiAdministrationProblems } from '../escalations/administration-api';
import { ResourceIdPipe } from '../escalations/resource-id.pipe';
import { EVENT_STORE } from '../event-store/event-store.tokens';
import { BEARER_AUTH } from '../openapi/openapi';
import { HistoryEntryDto } from '../signals/api-responses.dto';
import { existingPolicyChange, visibleEscalationIds } from './policy-change-stream';
import { PolicyChangeView } from './policy-change.view';

/** Policy changes are public accountability between governments: every role reads every one. */
@ApiTags('policy-changes')
@ApiBearerAuth(BEARER_AUTH)
@Controller('api/v1/policy-changes')
export class ReadPolicyChangeController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get(':id')
  @Roles('officer', 'analyst', 'admin')
  @ApiOperation({
    summary: 'A policy change as it is now (every role)',
    description: 'escalationIds lists only the escalations the caller may read, as GraphQL does.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({
    type: PolicyChangeView,
    headers: { ETag: { description: 'The stream revision, for If-Match', schema: { type: 'string' } } },
  })
  @ApiAdministrationProblems(400, 401, 404)
  async read(
    @Param('id', ResourceIdPipe) id: string,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PolicyChangeView> {
    const { state, revision } = await existingPolicyChange(this.store, id);
    void reply.header('etag', `"${revision}"`);
    return {
      ...state,
      escalationIds: await visibleEscalationIds(this.store, state.escalationIds, actor),
      revision,
    };
  }

  @Get(':id/history')
  @Roles('officer', 'analyst', 'admin')
  @ApiOperation({ summary: 'A policy change’s events in order (every role)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: [HistoryEntryDto] })
  @ApiAdministrationProblems(400, 401, 404)
  async history(@Param('id', ResourceIdPipe) id: string): Promise<HistoryEntry[]> {
    const { events } = await existingPolicyChange(this.store, id);
    return events.map(historyEntryOf);
  }
}
