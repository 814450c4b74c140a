import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@praktijklus/auth';
import { RecordSignalData, signalDecider } from '@praktijklus/domain';
import { ReferenceData } from '@praktijklus/reference';
import { CommandRequest } from '../commands/command-request';
import { CommandRunner, type WriteResponse } from '../commands/command-runner';
import { InitiativePersonalData, signalStreamId } from '@praktijklus/commands';
import { BEARER_AUTH } from '../openapi/openapi';
import { ApiIdempotencyKey, ApiProblems, WriteResponseDto } from './api-responses.dto';
import { RecordSignalDto } from './record-signal.dto';
import { initiativeSeedOf, locationOf, normOf } from './signal-mapping';
import { requireKnownReferences } from './signal-references';
import { signalLocation } from './signal-location';

@ApiTags('signals')
@ApiBearerAuth(BEARER_AUTH)
@Controller('api/v1/signals')
export class RecordSignalController {
  constructor(
    private readonly commands: CommandRunner,
    @Inject(ReferenceData) private readonly reference: ReferenceData,
    @Inject(InitiativePersonalData) private readonly initiatives: InitiativePersonalData,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles('officer')
  @ApiOperation({
    summary: 'Record a signal (officer)',
    description:
      "A barrier met in practice. The reporting authority and officer come from the token. The initiative's name and contact are stored apart from the event log and can be erased.",
  })
  @ApiIdempotencyKey()
  @ApiCreatedResponse({
    type: WriteResponseDto,
    description: 'Recorded.',
    headers: {
      Location: { description: 'The new signal', schema: { type: 'string' } },
      ETag: { description: 'The stream revision', schema: { type: 'string' } },
    },
  })
  @ApiProblems(400, 401, 403, 409, 413, 415)
  async record(
    @Body() body: RecordSignalDto,
    @CommandRequest() request: CommandRequest,
  ): Promise<WriteResponse> {
    requireKnownReferences(this.reference, body);
    const signalId = request.newId();
    const initiativeRef =
      body.initiative === undefined || body.initiative === null
        ? null
        : this.initiatives.newRef(signalId, initiativeSeedOf(request));
    const data: RecordSignalData = {
      signalId,
      type: body.type,
      title: body.title,
      description: body.description,
      policyDomain: body.policyDomain,
      level: body.level,
      initiativeKind: body.initiativeKind,
      observedAt: body.observedAt,
      authorities: body.authorities,
      norms: body.norms.map(normOf),
      initiative: initiativeRef === null ? null : { personalDataRef: initiativeRef },
      location: body.location === undefined || body.location === null ? null : locationOf(body.location),
    };
    const written = await this.commands.run(request, {
      id: signalId,
      streamId: signalStreamId(signalId),
      decider: signalDecider,
      command: { type: 'RecordSignal', ...request.context, data },
      location: signalLocation(signalId),
    });
    // Only once the event is in the log: a refused command must leave no personal data behind.
    if (initiativeRef !== null && body.initiative)
      await this.initiatives.keep(initiativeRef, body.initiative);
    return written;
  }
}
