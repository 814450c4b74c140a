import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Roles } from '@praktijklus/auth';
import { signalDecider, signalFactOf } from '@praktijklus/domain';
import type { EventStore } from '@praktijklus/event-store';
import { CommandRequest } from '../commands/command-request';
import { CommandRunner, type WriteResponse } from '../commands/command-runner';
import { EVENT_STORE } from '../event-store/event-store.tokens';
import { BEARER_AUTH } from '../openapi/openapi';
import { ApiIdempotencyKey, ApiIfMatch, ApiProblems, WriteResponseDto } from './api-responses.dto';
import { MarkDuplicateDto } from './mark-duplicate.dto';
import { readSignal, signalStreamId } from '@praktijklus/commands';
import { SignalIdPipe } from './signal-id.pipe';

@ApiTags('signals')
@ApiBearerAuth(BEARER_AUTH)
@Controller('api/v1/signals')
export class MarkDuplicateController {
  constructor(
    private readonly commands: CommandRunner,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Post(':id/duplicate-of')
  @HttpCode(200)
  @Roles('analyst')
  @ApiOperation({
    summary: 'Mark a signal as a duplicate of another (analyst)',
    description:
      'The original must exist, not be withdrawn and not be a duplicate itself; never the signal itself.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiIdempotencyKey()
  @ApiIfMatch()
  @ApiOkResponse({ type: WriteResponseDto, description: 'Marked as a duplicate.' })
  @ApiProblems(400, 401, 403, 404, 409, 412, 413, 415)
  async markDuplicate(
    @Param('id', SignalIdPipe) id: string,
    @Body() body: MarkDuplicateDto,
    @CommandRequest() request: CommandRequest,
  ): Promise<WriteResponse> {
    const originalId = body.signalId.toLowerCase();
    const original = await readSignal(this.store, originalId);
    return this.commands.run(request, {
      id,
      streamId: signalStreamId(id),
      decider: signalDecider,
      command: {
        type: 'MarkDuplicate',
        ...request.context,
        data: { signalId: id, duplicateOf: signalFactOf(originalId, original.state, request.actor) },
      },
    });
  }
}
