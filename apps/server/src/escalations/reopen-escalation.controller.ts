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
import { ReopenEscalationDto } from './reopen-escalation.dto';

@ApiTags('escalations')
@ApiBearerAuth(BEARER_AUTH)
@Controller('api/v1/escalations')
export class ReopenEscalationController {
  constructor(private readonly escalations: EscalationCommandRunner) {}

  @Post(':id/reopen')
  @HttpCode(200)
  @Roles('officer', 'admin')
  @ApiOperation({
    summary: 'Reopen a decided or resolved escalation (officer or admin of the raising authority)',
    description:
      'Back to ACKNOWLEDGED at the addressed authority, awaiting a new decision by a new deadline (respondBy); the earlier decision no longer stands.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiIdempotencyKey()
  @ApiIfMatch()
  @ApiOkResponse({ type: WriteResponseDto, description: 'Reopened.' })
  @ApiAdministrationProblems(400, 401, 403, 404, 409, 412, 413, 415)
  reopen(
    @Param('id', ResourceIdPipe) id: string,
    @Body() body: ReopenEscalationDto,
    @CommandRequest() request: CommandRequest,
  ): Promise<WriteResponse> {
    return this.escalations.run(request, id, {
      type: 'ReopenEscalation',
      ...request.context,
      data: {
        escalationId: id,
        reason: body.reason,
        respondBy: this.escalations.respondBy(body.respondBy, request.now),
      },
    });
  }
}
