import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Roles } from '@praktijklus/auth';
import { experimentDecider } from '@praktijklus/domain';
import { CommandRequest } from '../commands/command-request';
import { CommandRunner, type WriteResponse } from '../commands/command-runner';
import { ApiAdministrationProblems } from '../escalations/administration-api';
import { ResourceIdPipe } from '../escalations/resource-id.pipe';
import { BEARER_AUTH } from '../openapi/openapi';
import { ApiIdempotencyKey, ApiIfMatch, WriteResponseDto } from '../signals/api-responses.dto';
import { EmptyBodyPipe } from './empty-body.pipe';
import { experimentStreamId } from './experiment-stream';

@ApiTags('experiments')
@ApiBearerAuth(BEARER_AUTH)
@Controller('api/v1/experiments')
export class CloseExperimentController {
  constructor(private readonly commands: CommandRunner) {}

  @Post(':id/close')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    summary: 'Close an experiment (admin of the owning authority)',
    description:
      'Only after an evaluation: no pilot ends without a conclusion for policy. No body (or `{}`).',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiBody({ required: false, schema: { type: 'object', maxProperties: 0, example: {} } })
  @ApiIdempotencyKey()
  @ApiIfMatch()
  @ApiOkResponse({ type: WriteResponseDto, description: 'Closed.' })
  @ApiAdministrationProblems(400, 401, 403, 404, 409, 412, 413, 415)
  close(
    @Param('id', ResourceIdPipe) id: string,
    @Body(EmptyBodyPipe) _body: unknown,
    @CommandRequest() request: CommandRequest,
  ): Promise<WriteResponse> {
    return this.commands.run(request, {
      id,
      streamId: experimentStreamId(id),
      decider: experimentDecider,
      command: {
        type: 'CloseExperiment',
        ...request.context,
        data: { experimentId: id },
      },
    });
  }
}
