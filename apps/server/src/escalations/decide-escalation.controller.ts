import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Roles } from '@praktijklus/auth';
import { CommandRequest } from '../commands/command-request';
import type { WriteResponse } from '../commands/command-runner';
import { BEARER_AUTH } from '../openapi/openapi';
import { ApiIdempotencyKey, ApiIfMatch, WriteResponseDto } from '../signals/api-responses.dto';
import { ApiAdministrationProblems } from './administration-api';
import { EscalationCommandRunner } from './escalation-command-runner';
import { ResourceIdPipe } from './resource-id.pipe';
import { DecideEscalationDto } from './decide-escalation.dto';

@ApiTags('escalations')
@ApiBearerAuth(BEARER_AUTH)
@Controller('api/v1/escalations')
export class DecideEscalationController {
  constructor(private readonly escalations: EscalationCommandRunner) {}

  @Post(':id/decide')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    summary: 'Decide an escalation (admin of the addressed authority)',
    description: 'Only after acknowledgement; the outcome and a rationale are required.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiIdempotencyKey()
  @ApiIfMatch()
  @ApiOkResponse({ type: WriteResponseDto, description: 'Decided.' })
  @ApiAdministrationProblems(400, 401, 403, 404, 409, 412, 413, 415)
  decide(
    @Param('id', ResourceIdPipe) id: string,
    @Body() body: DecideEscalationDto,
    @CommandRequest() request: CommandRequest,
  ): Promise<WriteResponse> {
    return this.escalations.run(request, id, {
      type: 'DecideEscalation',
      ...request.context,
      data: { escalationId: id, outcome: body.outcome, rationale: body.rationale },
    });
  }
}
