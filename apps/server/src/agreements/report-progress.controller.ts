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
import { ReportProgressDto } from './report-progress.dto';

@ApiTags('agreements')
@ApiBearerAuth(BEARER_AUTH)
@Controller('api/v1/agreements')
export class ReportProgressController {
  constructor(private readonly commands: CommandRunner) {}

  @Post(':id/progress')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    summary: 'Report progress (admin of the owning authority)',
    description: 'A whole percentage from 0 to 100 and a note; only while the agreement is OPEN.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiIdempotencyKey()
  @ApiIfMatch()
  @ApiOkResponse({ type: WriteResponseDto, description: 'Reported.' })
  @ApiAdministrationProblems(400, 401, 403, 404, 409, 412, 413, 415)
  reportProgress(
    @Param('id', ResourceIdPipe) id: string,
    @Body() body: ReportProgressDto,
    @CommandRequest() request: CommandRequest,
  ): Promise<WriteResponse> {
    return this.commands.run(request, {
      id,
      streamId: agreementStreamId(id),
      decider: agreementDecider,
      command: {
        type: 'ReportProgress',
        ...request.context,
        data: { agreementId: id, percent: body.percent, note: body.note },
      },
    });
  }
}
