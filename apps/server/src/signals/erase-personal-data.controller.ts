import { Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Roles } from '@praktijklus/auth';
import { type ErasePersonalData, signalDecider } from '@praktijklus/domain';
import type { EventStore } from '@praktijklus/event-store';
import { CommandRequest } from '../commands/command-request';
import { CommandRunner } from '../commands/command-runner';
import { EVENT_STORE } from '../event-store/event-store.tokens';
import { BEARER_AUTH } from '../openapi/openapi';
import { InitiativePersonalData, readSignal, signalStreamId } from '@praktijklus/commands';
import { ApiIdempotencyKey, ApiProblems, ErasureResponseDto } from './api-responses.dto';
import { SignalIdPipe } from './signal-id.pipe';

@ApiTags('signals')
@ApiBearerAuth(BEARER_AUTH)
@Controller('api/v1/signals')
export class ErasePersonalDataController {
  constructor(
    private readonly commands: CommandRunner,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(InitiativePersonalData) private readonly initiatives: InitiativePersonalData,
  ) {}

  @Post(':id/erase-personal-data')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    summary: "Erase the initiative's personal data (admin)",
    description:
      'Makes every name and contact ever stored for the signal unreadable for good; the rest of the signal, its history and all statistics stay. The log records only that it happened. Same as `npm run cli -- erase-initiative <id>`.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiIdempotencyKey()
  @ApiOkResponse({ type: ErasureResponseDto, description: 'Erased (or erased already).' })
  @ApiProblems(400, 401, 403, 404)
  async erase(
    @Param('id', SignalIdPipe) id: string,
    @CommandRequest() request: CommandRequest,
  ): Promise<ErasureResponseDto> {
    const command: ErasePersonalData = {
      type: 'ErasePersonalData',
      ...request.context,
      data: { signalId: id },
    };
    // The vault first, once the decider agrees: when the deletion fails nothing says "erased" while
    // the name is still served, and asking again completes it.
    const before = await readSignal(this.store, id);
    signalDecider.decide(command, before.state);
    await this.initiatives.eraseAllNamedIn(before.events, request.now);
    const written = await this.commands.run(request, {
      id,
      streamId: signalStreamId(id),
      decider: signalDecider,
      command,
    });
    // A version an amendment stored between the read above and the erasure event.
    const { events } = await readSignal(this.store, id);
    await this.initiatives.eraseAllNamedIn(events, request.now);
    return { ...written, erased: true };
  }
}
