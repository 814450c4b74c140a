import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Roles } from '@praktijklus/auth';
import { experimentDecider } from '@praktijklus/domain';
import { CommandRequest } from '../commands/command-request';
import { CommandRunner, type WriteResponse } from '../commands/command-runner';
import { ApiAdministrationProblems } from '../escalations/administration-api';
import { ResourceIdPipe } from '../escalations/resource-id.pipe';
import { BEARER_AUTH } from '../openapi/openapi';
import { ApiIdempotencyKey, ApiIfMatch, WriteResponseDto } from '../signals/api-responses.dto';
import { EvaluateExperimentDto } from './evaluate-experiment.dto';
import { experimentStreamId } from './experiment-stream';

@ApiTags('experiments')
@ApiBearerAuth(BEARER_AUTH)
@Controller('api/v1/experiments')
export class EvaluateExperimentController {
  constructor(private readonly commands: CommandRunner) {}

  @Post(':id/evaluate')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    summary: 'Evaluate an experiment (admin of the owning authority)',
    description: 'Conclusion, policy consequence and rationale are all required; once only.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiIdempotencyKey()
  @ApiIfMatch()
  @ApiOkResponse({ type: WriteResponseDto, description: 'Evaluated.' })
  @ApiAdministrationProblems(400, 401, 403, 404, 409, 412, 413, 415)
  evaluate(
    @Param('id', ResourceIdPipe) id: string,
    @Body() body: EvaluateExperimentDto,
    @CommandRequest() request: CommandRequest,
  ): Promise<WriteResponse> {
    return this.commands.run(request, {
      id,
      streamId: experimentStreamId(id),
      decider: experimentDecider,
      command: {
        type: 'EvaluateExperiment',
        ...request.context,
        data: {
          experimentId: id,
          conclusion: body.conclusion,
          policyConsequence: body.policyConsequence,
          rationale: body.rationale,
        },
      },
    });
  }
}
