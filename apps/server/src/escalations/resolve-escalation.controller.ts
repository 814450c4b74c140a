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
import { ResolveEscalationDto } from './resolve-escalation.dto';

@ApiTags('escalations')
@ApiBearerAuth(BEARER_AUTH)
@Controller('api/v1/escalations')
export class ResolveEscalationController {
  constructor(private readonly escalations: EscalationCommandRunner) {}

  @Post(':id/resolve')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    summary: 'Resolve a decided escalation (admin of the addressed authority)',
    description: 'Closes the escalation with a summary of what came of the decision.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiIdempotencyKey()
  @ApiIfMatch()
  @ApiOkResponse({ type: WriteResponseDto, description: 'Resolved.' })
  @ApiAdministrationProblems(400, 401, 403, 404, 409, 412, 413, 415)
  resolve(
    @Param('id', ResourceIdPipe) id: string,
    @Body() body: ResolveEscalationDto,
    @CommandRequest() request: CommandRequest,
  ): Promise<WriteResponse> {
    return this.escalations.run(request, id, {
      type: 'ResolveEscalation',
      ...request.context,
      data: { escalationId: id, summary: body.summary },
    });
  }
}
