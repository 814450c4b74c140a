import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Roles } from '@praktijklus/auth';
import { agreementDecider } from '@praktijklus/domain';
import { CommandRequest } from '../commands/command-request';
import { CommandRunner, type WriteResponse } from '../commands/command-runner';
import { ApiAdministrationProblems } from '../escalations/administration-api';
import { ResourceIdPipe } from '../escalations/resource-id.pipe';
import { BEARER_AUTH } from '../openapi/openapi';
import { ApiIdempotencyKey, ApiIfMatch, WriteResponseDto } from '../signals/api-responses.dto';
import { agreementStreamId } from './agreement-stream';
import { RecordFollowUpDto } from './record-follow-up.dto';

@ApiTags('agreements')
@ApiBearerAuth(BEARER_AUTH)
@Controller('api/v1/agreements')
export class RecordFollowUpController {
  constructor(private readonly commands: CommandRunner) {}

  @Post(':id/follow-ups')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    summary: 'Record a follow-up conversation (admin of a party)',
    description:
      'Held today or earlier, not before the agreement was made; the next one, when planned, after it.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiIdempotencyKey()
  @ApiIfMatch()
  @ApiOkResponse({ type: WriteResponseDto, description: 'Recorded.' })
  @ApiAdministrationProblems(400, 401, 403, 404, 409, 412, 413, 415)
  recordFollowUp(
    @Param('id', ResourceIdPipe) id: string,
    @Body() body: RecordFollowUpDto,
    @CommandRequest() request: CommandRequest,
  ): Promise<WriteResponse> {
    return this.commands.run(request, {
      id,
      streamId: agreementStreamId(id),
      decider: agreementDecider,
      command: {
        type: 'RecordFollowUp',
        ...request.context,
        data: {
          agreementId: id,
          heldOn: body.heldOn,
          assessment: body.assessment,
          notes: body.notes,
          nextFollowUpOn: body.nextFollowUpOn ?? null,
        },
      },
    });
  }
}
