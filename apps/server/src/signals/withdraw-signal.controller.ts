import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Roles } from '@praktijklus/auth';
import { signalDecider } from '@praktijklus/domain';
import { CommandRequest } from '../commands/command-request';
import { CommandRunner, type WriteResponse } from '../commands/command-runner';
import { BEARER_AUTH } from '../openapi/openapi';
import { ApiIdempotencyKey, ApiIfMatch, ApiProblems, WriteResponseDto } from './api-responses.dto';
import { signalStreamId } from '@praktijklus/commands';
import { SignalIdPipe } from './signal-id.pipe';
import { WithdrawSignalDto } from './withdraw-signal.dto';

@ApiTags('signals')
@ApiBearerAuth(BEARER_AUTH)
@Controller('api/v1/signals')
export class WithdrawSignalController {
  constructor(private readonly commands: CommandRunner) {}

  @Post(':id/withdraw')
  @HttpCode(200)
  @Roles('officer')
  @ApiOperation({
    summary: 'Withdraw a signal (officer of the reporting authority)',
    description: 'A withdrawn signal cannot change any more; it stays in the history and the statistics.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiIdempotencyKey()
  @ApiIfMatch()
  @ApiOkResponse({ type: WriteResponseDto, description: 'Withdrawn.' })
  @ApiProblems(400, 401, 403, 404, 409, 412, 413, 415)
  withdraw(
    @Param('id', SignalIdPipe) id: string,
    @Body() body: WithdrawSignalDto,
    @CommandRequest() request: CommandRequest,
  ): Promise<WriteResponse> {
    return this.commands.run(request, {
      id,
      streamId: signalStreamId(id),
      decider: signalDecider,
      command: { type: 'WithdrawSignal', ...request.context, data: { signalId: id, reason: body.reason } },
    });
  }
}
