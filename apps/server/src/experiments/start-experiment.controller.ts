import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@praktijklus/auth';
import { experimentDecider } from '@praktijklus/domain';
import type { EventStore } from '@praktijklus/event-store';
import { CommandRequest } from '../commands/command-request';
import { CommandRunner, type WriteResponse } from '../commands/command-runner';
import { ApiAdministrationProblems } from '../escalations/administration-api';
import { escalationFactFor } from '../escalations/escalation-stream';
import { EVENT_STORE } from '../event-store/event-store.tokens';
import { BEARER_AUTH } from '../openapi/openapi';
import { ApiIdempotencyKey, WriteResponseDto } from '../signals/api-responses.dto';
import { experimentLocation, experimentStreamId } from './experiment-stream';
import { StartExperimentDto } from './start-experiment.dto';

@ApiTags('experiments')
@ApiBearerAuth(BEARER_AUTH)
@Controller('api/v1/experiments')
export class StartExperimentController {
  constructor(
    private readonly commands: CommandRunner,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles('admin')
  @ApiOperation({
    summary: 'Start an experiment (admin of the authority that decided the escalation)',
    description:
      'Answers an escalation decided EXPERIMENT_GRANTED (also once resolved). The deciding authority becomes the owner. endsOn lies after startsOn.',
  })
  @ApiIdempotencyKey()
  @ApiCreatedResponse({
    type: WriteResponseDto,
    description: 'Started.',
    headers: {
      Location: { description: 'The new experiment', schema: { type: 'string' } },
      ETag: { description: 'The stream revision', schema: { type: 'string' } },
    },
  })
  @ApiAdministrationProblems(400, 401, 403, 409, 413, 415)
  async start(
    @Body() body: StartExperimentDto,
    @CommandRequest() request: CommandRequest,
  ): Promise<WriteResponse> {
    const experimentId = request.newId();
    const escalation = await escalationFactFor(this.store, body.escalationId.toLowerCase(), request.actor);
    return this.commands.run(request, {
      id: experimentId,
      streamId: experimentStreamId(experimentId),
      decider: experimentDecider,
      command: {
        type: 'StartExperiment',
        ...request.context,
        data: {
          experimentId,
          escalation,
          title: body.title,
          hypothesis: body.hypothesis,
          legalRoute: body.legalRoute,
          startsOn: body.startsOn,
          endsOn: body.endsOn,
        },
      },
      location: experimentLocation(experimentId),
    });
  }
}
