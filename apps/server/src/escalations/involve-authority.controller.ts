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
import { InvolveAuthorityDto } from './involve-authority.dto';

@ApiTags('escalations')
@ApiBearerAuth(BEARER_AUTH)
@Controller('api/v1/escalations')
export class InvolveAuthorityController {
  constructor(
    private readonly escalations: EscalationCommandRunner,
    @Inject(ReferenceData) private readonly reference: ReferenceData,
  ) {}

  @Post(':id/involve')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    summary: 'Involve another authority (admin of the addressed or the raising authority)',
    description: 'The involved authority can read the escalation and attach signals from then on.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiIdempotencyKey()
  @ApiIfMatch()
  @ApiOkResponse({ type: WriteResponseDto, description: 'Involved.' })
  @ApiAdministrationProblems(400, 401, 403, 404, 409, 412, 413, 415)
  involve(
    @Param('id', ResourceIdPipe) id: string,
    @Body() body: InvolveAuthorityDto,
    @CommandRequest() request: CommandRequest,
  ): Promise<WriteResponse> {
    requireKnownAuthorities(this.reference, [['authority', body.authority]]);
    return this.escalations.run(request, id, {
      type: 'InvolveAuthority',
      ...request.context,
      data: { escalationId: id, authority: body.authority, reason: body.reason },
    });
  }
}
