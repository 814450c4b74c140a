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
import { AcknowledgeEscalationDto } from './acknowledge-escalation.dto';

@ApiTags('escalations')
@ApiBearerAuth(BEARER_AUTH)
@Controller('api/v1/escalations')
export class AcknowledgeEscalationController {
  constructor(private readonly escalations: EscalationCommandRunner) {}

  @Post(':id/acknowledge')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    summary: 'Acknowledge an escalation (admin of the addressed authority)',
    description: 'Confirms receipt and competence; a decision follows acknowledgement.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiIdempotencyKey()
  @ApiIfMatch()
  @ApiOkResponse({ type: WriteResponseDto, description: 'Acknowledged.' })
  @ApiAdministrationProblems(400, 401, 403, 404, 409, 412, 413, 415)
  acknowledge(
    @Param('id', ResourceIdPipe) id: string,
    @Body() body: AcknowledgeEscalationDto,
    @CommandRequest() request: CommandRequest,
  ): Promise<WriteResponse> {
    return this.escalations.run(request, id, {
      type: 'AcknowledgeEscalation',
      ...request.context,
      data: { escalationId: id, ...(body.note === undefined ? {} : { note: body.note }) },
    });
  }
}
