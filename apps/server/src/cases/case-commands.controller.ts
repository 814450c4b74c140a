import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { Roles } from '@praktijklus/auth';
import { caseDecider } from '@praktijklus/domain';
import type { EventStore } from '@praktijklus/event-store';
import { CommandRequest } from '../commands/command-request';
import { CommandRunner, type WriteResponse } from '../commands/command-runner';
import { ApiAdministrationProblems } from '../escalations/administration-api';
import { ResourceIdPipe } from '../escalations/resource-id.pipe';
import { EVENT_STORE } from '../event-store/event-store.tokens';
import { BEARER_AUTH } from '../openapi/openapi';
import { ApiIdempotencyKey, ApiIfMatch, WriteResponseDto } from '../signals/api-responses.dto';
import { caseLocation, caseSignalFactsFor, caseStreamId } from './case-stream';
import { AddSignalsToCaseDto, CreateCaseDto } from './case.dto';

@ApiTags('cases')
@ApiBearerAuth(BEARER_AUTH)
@Controller('api/v1/cases')
export class CaseCommandsController {
  constructor(
    private readonly commands: CommandRunner,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles('analyst', 'admin')
  @ApiOperation({
    summary: 'Group signals about one initiative into a case (analyst, or admin of an involved authority)',
    description:
      'The signals must exist and be readable by the caller. An administrator’s authority is involved when it reported at least one of them (its reporting authority); analysts may group any signals. The reporting authorities become the case’s parties, who (with analysts) may read it.',
  })
  @ApiIdempotencyKey()
  @ApiCreatedResponse({
    type: WriteResponseDto,
    description: 'Created.',
    headers: {
      Location: { description: 'The new case', schema: { type: 'string' } },
      ETag: { description: 'The stream revision', schema: { type: 'string' } },
    },
  })
  @ApiAdministrationProblems(400, 401, 403, 409, 413, 415)
  async create(
    @Body() body: CreateCaseDto,
    @CommandRequest() request: CommandRequest,
  ): Promise<WriteResponse> {
    const caseId = request.newId();
    return this.commands.run(request, {
      id: caseId,
      streamId: caseStreamId(caseId),
      decider: caseDecider,
      command: {
        type: 'CreateCase',
        ...request.context,
        data: {
          caseId,
          title: body.title,
          signals: await caseSignalFactsFor(this.store, body.signalIds, request.actor),
        },
      },
      location: caseLocation(caseId),
    });
  }

  @Post(':id/signals')
  @HttpCode(200)
  @Roles('analyst', 'admin')
  @ApiOperation({
    summary: 'Add signals to a case (analyst, or admin of a party)',
    description:
      'Signals already in the case are left out; when none is new, 409. Their reporting authorities become parties. A case the caller is no party of is 404, as an unknown one.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiIdempotencyKey()
  @ApiIfMatch()
  @ApiOkResponse({ type: WriteResponseDto, description: 'Added.' })
  @ApiAdministrationProblems(400, 401, 403, 404, 409, 412, 413, 415)
  async addSignals(
    @Param('id', ResourceIdPipe) id: string,
    @Body() body: AddSignalsToCaseDto,
    @CommandRequest() request: CommandRequest,
  ): Promise<WriteResponse> {
    return this.commands.run(request, {
      id,
      streamId: caseStreamId(id),
      decider: caseDecider,
      command: {
        type: 'AddSignalsToCase',
        ...request.context,
        data: { caseId: id, signals: await caseSignalFactsFor(this.store, body.signalIds, request.actor) },
      },
    });
  }
}
