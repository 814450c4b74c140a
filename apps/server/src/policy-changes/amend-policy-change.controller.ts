import { Body, Controller, HttpCode, Inject, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Roles } from '@praktijklus/auth';
import { type PolicyChangeFields, policyChangeDecider } from '@praktijklus/domain';
import { ReferenceData } from '@praktijklus/reference';
import { CommandRequest } from '../commands/command-request';
import { CommandRunner, type WriteResponse } from '../commands/command-runner';
import { ApiAdministrationProblems } from '../escalations/administration-api';
import { ResourceIdPipe } from '../escalations/resource-id.pipe';
import { BEARER_AUTH } from '../openapi/openapi';
import { ApiIdempotencyKey, ApiIfMatch, WriteResponseDto } from '../signals/api-responses.dto';
import { normOf } from '../signals/signal-mapping';
import { requireKnownReferences } from '../signals/signal-references';
import { AmendPolicyChangeDto, WithdrawPolicyChangeDto } from './policy-change-fields.dto';
import { policyChangeStreamId } from './policy-change-stream';

@ApiTags('policy-changes')
@ApiBearerAuth(BEARER_AUTH)
@Controller('api/v1/policy-changes')
export class AmendPolicyChangeController {
  constructor(
    private readonly commands: CommandRunner,
    @Inject(ReferenceData) private readonly reference: ReferenceData,
  ) {}

  @Patch(':id')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    summary: 'Amend a policy change (admin of the owning authority)',
    description:
      'Any subset of title, description, policyDomain, norms, effectiveOn, authorities; the escalations stay. Repeating an amendment already applied writes nothing.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiIdempotencyKey()
  @ApiIfMatch()
  @ApiOkResponse({ type: WriteResponseDto, description: 'Amended (or already so).' })
  @ApiAdministrationProblems(400, 401, 403, 404, 409, 412, 413, 415)
  amend(
    @Param('id', ResourceIdPipe) id: string,
    @Body() body: AmendPolicyChangeDto,
    @CommandRequest() request: CommandRequest,
  ): Promise<WriteResponse> {
    requireKnownReferences(this.reference, body);
    const changes: Partial<PolicyChangeFields> = {
      ...(body.title !== undefined ? { title: body.title } : {}),
      ...(body.description !== undefined ? { description: body.description } : {}),
      ...(body.policyDomain !== undefined ? { policyDomain: body.policyDomain } : {}),
      ...(body.norms !== undefined ? { norms: body.norms.map(normOf) } : {}),
      ...(body.effectiveOn !== undefined ? { effectiveOn: body.effectiveOn } : {}),
      ...(body.authorities !== undefined ? { authorities: body.authorities } : {}),
    };
    return this.commands.run(request, {
      id,
      streamId: policyChangeStreamId(id),
      decider: policyChangeDecider,
      command: { type: 'AmendPolicyChange', ...request.context, data: { policyChangeId: id, changes } },
    });
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    summary: 'Withdraw a policy change (admin of the owning authority)',
    description: 'With a reason; a withdrawn change stays readable but no longer counts.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiIdempotencyKey()
  @ApiIfMatch()
  @ApiOkResponse({ type: WriteResponseDto, description: 'Withdrawn.' })
  @ApiAdministrationProblems(400, 401, 403, 404, 409, 412, 413, 415)
  withdraw(
    @Param('id', ResourceIdPipe) id: string,
    @Body() body: WithdrawPolicyChangeDto,
    @CommandRequest() request: CommandRequest,
  ): Promise<WriteResponse> {
    return this.commands.run(request, {
      id,
      streamId: policyChangeStreamId(id),
      decider: policyChangeDecider,
      command: {
        type: 'WithdrawPolicyChange',
        ...request.context,
        data: { policyChangeId: id, reason: body.reason },
      },
    });
  }
}
