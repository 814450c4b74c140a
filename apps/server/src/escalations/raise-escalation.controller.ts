import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@praktijklus/auth';
import { escalationDecider } from '@praktijklus/domain';
import type { EventStore } from '@praktijklus/event-store';
import { ReferenceData } from '@praktijklus/reference';
import { CommandRequest } from '../commands/command-request';
import { CommandRunner, type WriteResponse } from '../commands/command-runner';
import { EVENT_STORE } from '../event-store/event-store.tokens';
import { BEARER_AUTH } from '../openapi/openapi';
import { ApiIdempotencyKey, WriteResponseDto } from '../signals/api-responses.dto';
import { ApiAdministrationProblems } from './administration-api';
import { EscalationCommandRunner } from './escalation-command-runner';
import { escalationLocation, escalationStreamId, signalFactsFor } from './escalation-stream';
import { requireKnownAuthorities } from './known-authorities';
import { RaiseEscalationDto } from './raise-escalation.dto';

@ApiTags('escalations')
@ApiBearerAuth(BEARER_AUTH)
@Controller('api/v1/escalations')
export class RaiseEscalationController {
  constructor(
    private readonly commands: CommandRunner,
    private readonly escalations: EscalationCommandRunner,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ReferenceData) private readonly reference: ReferenceData,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles('officer', 'admin')
  @ApiOperation({
    summary: 'Raise an escalation (officer, admin)',
    description:
      'Brings signals up to the competent authority with a response deadline. The raising authority comes from the token. Signals must exist, be readable by the raiser and not be withdrawn.',
  })
  @ApiIdempotencyKey()
  @ApiCreatedResponse({
    type: WriteResponseDto,
    description: 'Raised.',
    headers: {
      Location: { description: 'The new escalation', schema: { type: 'string' } },
      ETag: { description: 'The stream revision', schema: { type: 'string' } },
    },
  })
  @ApiAdministrationProblems(400, 401, 403, 409, 413, 415)
  async raise(
    @Body() body: RaiseEscalationDto,
    @CommandRequest() request: CommandRequest,
  ): Promise<WriteResponse> {
    requireKnownAuthorities(this.reference, [['addressedTo', body.addressedTo]]);
    const escalationId = request.newId();
    const signals = await signalFactsFor(this.store, body.signalIds, request.actor);
    return this.commands.run(request, {
      id: escalationId,
      streamId: escalationStreamId(escalationId),
      decider: escalationDecider,
      command: {
        type: 'RaiseEscalation',
        ...request.context,
        data: {
          escalationId,
          title: body.title,
          reason: body.reason,
          addressedTo: body.addressedTo,
          respondBy: this.escalations.respondBy(body.respondBy, request.now),
          signals,
        },
      },
      location: escalationLocation(escalationId),
    });
  }
}
