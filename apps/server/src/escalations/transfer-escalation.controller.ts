import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Roles } from '@praktijklus/auth';
import { ReferenceData } from '@praktijklus/reference';
import { CommandRequest } from '../commands/command-request';
import type { WriteResponse } from '../commands/command-runner';
import { BEARER_AUTH } from '../openapi/openapi';
import { ApiIdempotencyKey, ApiIfMatch, WriteResponseDto } from '../signals/api-responses.dto';
import { ApiAdministrationProblems } from './administration-api';
import { EscalationCommandRunner } from './escalation-command-runner';
import { requireKnownAuthorities } from './known-authorities';
import { ResourceIdPipe } from './resource-id.pipe';
import { TransferEscalationDto } from './transfer-escalation.dto';

@ApiTags('escalations')
@ApiBearerAuth(BEARER_AUTH)
@Controller('api/v1/escalations')
export class TransferEscalationController {
  constructor(
    private readonly escalations: EscalationCommandRunner,
    @Inject(ReferenceData) private readonly reference: ReferenceData,
  ) {}

  @Post(':id/transfer')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    summary: 'Transfer a wrongly addressed escalation (admin of the addressed authority)',
    description:
      'Goes back to RAISED at the new authority with a new deadline; the previous addressee is no longer involved and cannot read it any more.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiIdempotencyKey()
  @ApiIfMatch()
  @ApiOkResponse({ type: WriteResponseDto, description: 'Transferred.' })
  @ApiAdministrationProblems(400, 401, 403, 404, 409, 412, 413, 415)
  transfer(
    @Param('id', ResourceIdPipe) id: string,
    @Body() body: TransferEscalationDto,
    @CommandRequest() request: CommandRequest,
  ): Promise<WriteResponse> {
    requireKnownAuthorities(this.reference, [['to', body.to]]);
    return this.escalations.run(request, id, {
      type: 'TransferEscalation',
      ...request.context,
      data: {
        escalationId: id,
        to: body.to,
        reason: body.reason,
        respondBy: this.escalations.respondBy(body.respondBy, request.now),
      },
    });
  }
}
