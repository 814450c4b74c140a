import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@praktijklus/auth';
import { agreementDecider } from '@praktijklus/domain';
import type { EventStore } from '@praktijklus/event-store';
import { ReferenceData } from '@praktijklus/reference';
import { CommandRequest } from '../commands/command-request';
import { CommandRunner, type WriteResponse } from '../commands/command-runner';
import { ApiAdministrationProblems } from '../escalations/administration-api';
import { escalationFactFor } from '../escalations/escalation-stream';
import { authorityListFields, requireKnownAuthorities } from '../escalations/known-authorities';
import { EVENT_STORE } from '../event-store/event-store.tokens';
import { BEARER_AUTH } from '../openapi/openapi';
import { ApiIdempotencyKey, WriteResponseDto } from '../signals/api-responses.dto';
import { agreementLocation, agreementStreamId } from './agreement-stream';
import { MakeAgreementDto } from './make-agreement.dto';

@ApiTags('agreements')
@ApiBearerAuth(BEARER_AUTH)
@Controller('api/v1/agreements')
export class MakeAgreementController {
  constructor(
    private readonly commands: CommandRunner,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ReferenceData) private readonly reference: ReferenceData,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles('admin')
  @ApiOperation({
    summary: 'Make a binding agreement (admin of the owning authority)',
    description:
      'The owner is the administrator’s own authority. dueBy lies after today; the first follow-up from today up to dueBy. An escalation it answers must be readable by the administrator.',
  })
  @ApiIdempotencyKey()
  @ApiCreatedResponse({
    type: WriteResponseDto,
    description: 'Made.',
    headers: {
      Location: { description: 'The new agreement', schema: { type: 'string' } },
      ETag: { description: 'The stream revision', schema: { type: 'string' } },
    },
  })
  @ApiAdministrationProblems(400, 401, 403, 409, 413, 415)
  async make(
    @Body() body: MakeAgreementDto,
    @CommandRequest() request: CommandRequest,
  ): Promise<WriteResponse> {
    requireKnownAuthorities(this.reference, [
      ['owner', body.owner],
      ...authorityListFields('parties', body.parties),
    ]);
    const agreementId = request.newId();
    const escalation =
      body.escalationId === undefined
        ? null
        : await escalationFactFor(this.store, body.escalationId.toLowerCase(), request.actor);
    return this.commands.run(request, {
      id: agreementId,
      streamId: agreementStreamId(agreementId),
      decider: agreementDecider,
      command: {
        type: 'MakeAgreement',
        ...request.context,
        data: {
          agreementId,
          title: body.title,
          commitment: body.commitment,
          owner: body.owner,
          parties: body.parties,
          dueBy: body.dueBy,
          firstFollowUpOn: body.firstFollowUpOn,
          escalation,
        },
      },
      location: agreementLocation(agreementId),
    });
  }
}
