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
import { MarkAgreementUnmetDto } from './mark-agreement-unmet.dto';

@ApiTags('agreements')
@ApiBearerAuth(BEARER_AUTH)
@Controller('api/v1/agreements')
export class MarkAgreementUnmetController {
  constructor(private readonly commands: CommandRunner) {}

  @Post(':id/unmet')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    summary: 'Mark the agreement unmet (admin of the owning authority)',
    description: 'Nothing changes afterwards.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiIdempotencyKey()
  @ApiIfMatch()
  @ApiOkResponse({ type: WriteResponseDto, description: 'Marked unmet.' })
  @ApiAdministrationProblems(400, 401, 403, 404, 409, 412, 413, 415)
  markUnmet(
    @Param('id', ResourceIdPipe) id: string,
    @Body() body: MarkAgreementUnmetDto,
    @CommandRequest() request: CommandRequest,
  ): Promise<WriteResponse> {
    return this.commands.run(request, {
      id,
      streamId: agreementStreamId(id),
      decider: agreementDecider,
      command: {
        type: 'MarkAgreementUnmet',
        ...request.context,
        data: { agreementId: id, reason: body.reason },
      },
    });
  }
}
