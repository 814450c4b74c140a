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
import { CancelAgreementDto } from './cancel-agreement.dto';

@ApiTags('agreements')
@ApiBearerAuth(BEARER_AUTH)
@Controller('api/v1/agreements')
export class CancelAgreementController {
  constructor(private readonly commands: CommandRunner) {}

  @Post(':id/cancel')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    summary: 'Cancel the agreement (admin of the owning authority)',
    description: 'Nothing changes afterwards.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiIdempotencyKey()
  @ApiIfMatch()
  @ApiOkResponse({ type: WriteResponseDto, description: 'Cancelled.' })
  @ApiAdministrationProblems(400, 401, 403, 404, 409, 412, 413, 415)
  cancel(
    @Param('id', ResourceIdPipe) id: string,
    @Body() body: CancelAgreementDto,
    @CommandRequest() request: CommandRequest,
  ): Promise<WriteResponse> {
    return this.commands.run(request, {
      id,
      streamId: agreementStreamId(id),
      decider: agreementDecider,
      command: {
        type: 'CancelAgreement',
        ...request.context,
        data: { agreementId: id, reason: body.reason },
      },
    });
  }
}
