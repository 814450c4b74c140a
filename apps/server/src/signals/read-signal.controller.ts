import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentActor, Roles } from '@praktijklus/auth';
import {
  isSignalVisibleTo,
  NotFound,
  NotVisible,
  RecordedSignalState,
  signalHistoryChanges,
} from '@praktijklus/domain';
import type { EventStore } from '@praktijklus/event-store';
import type { Actor } from '@praktijklus/domain';
import {
  historyWithChanges,
  type HistoryEntry,
  InitiativePersonalData,
  LoadedSignal,
  readSignal,
} from '@praktijklus/commands';
import { EVENT_STORE } from '../event-store/event-store.tokens';
import { BEARER_AUTH } from '../openapi/openapi';
import { ApiProblems, HistoryEntryDto } from './api-responses.dto';
import { SignalIdPipe } from './signal-id.pipe';
import { SignalView, signalViewOf } from './signal.view';

@ApiTags('signals')
@ApiBearerAuth(BEARER_AUTH)
@Controller('api/v1/signals')
export class ReadSignalController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(InitiativePersonalData) private readonly initiatives: InitiativePersonalData,
  ) {}

  @Get(':id')
  @Roles('officer', 'analyst', 'admin')
  @ApiOperation({
    summary: 'A signal as it is now (officer of the reporting authority, analyst, admin)',
    description:
      "Built from the signal's stream. The initiative is shown only to the reporting authority's officers and administrators.",
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({
    type: SignalView,
    headers: { ETag: { description: 'The stream revision, for If-Match', schema: { type: 'string' } } },
  })
  @ApiProblems(400, 401, 403, 404)
  async read(
    @Param('id', SignalIdPipe) id: string,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SignalView> {
    const { signal, revision } = await this.visibleSignal(id, actor);
    void reply.header('etag', `"${revision}"`);
    return signalViewOf(signal, revision, actor, this.initiatives);
  }

  @Get(':id/history')
  @Roles('officer', 'analyst', 'admin')
  @ApiOperation({
    summary: "A signal's events in order, with actor, time and correlation id (as the GET)",
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: [HistoryEntryDto] })
  @ApiProblems(400, 401, 403, 404)
  async history(
    @Param('id', SignalIdPipe) id: string,
    @CurrentActor() actor: Actor,
  ): Promise<HistoryEntry[]> {
    const { events } = await this.visibleSignal(id, actor);
    return historyWithChanges(events, signalHistoryChanges);
  }

  // Another authority's officer gets the same 404 as for a signal that does not exist.
  private async visibleSignal(
    id: string,
    actor: Actor,
  ): Promise<LoadedSignal & { signal: RecordedSignalState }> {
    const loaded = await readSignal(this.store, id);
    if (loaded.state.status === 'EMPTY') throw new NotFound('SIGNAL_NOT_FOUND', 'No such signal.');
    if (!isSignalVisibleTo(loaded.state, actor)) throw new NotVisible('SIGNAL_NOT_FOUND', 'No such signal.');
    return { ...loaded, signal: loaded.state };
  }
}
