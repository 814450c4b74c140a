import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Roles } from '@praktijklus/auth';
import type { EventStore } from '@praktijklus/event-store';
import { CommandRequest } from '../commands/command-request';
import type { WriteResponse } from '../commands/command-runner';
import { EVENT_STORE } from '../event-store/event-store.tokens';
import { BEARER_AUTH } from '../openapi/openapi';
import { ApiIdempotencyKey, ApiIfMatch, WriteResponseDto } from '../signals/api-responses.dto';
import { ApiAdministrationProblems } from './administration-api';
import { EscalationCommandRunner } from './escalation-command-runner';
import { signalFactsFor } from './escalation-stream';
import { ResourceIdPipe } from './resource-id.pipe';
import { AttachSignalsDto } from './attach-signals.dto';

@ApiTags('escalations')
@ApiBearerAuth(BEARER_AUTH)
@Controller('api/v1/escalations')
export class AttachSignalsController {
  constructor(
    private readonly escalations: EscalationCommandRunner,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Post(':id/signals')
  @HttpCode(200)
  @Roles('officer', 'admin')
  @ApiOperation({
    summary: 'Attach more signals (officer or admin of an involved authority)',
    description:
      'While the escalation is open (RAISED or ACKNOWLEDGED). Signals already attached are left out; when none is new, 409.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiIdempotencyKey()
  @ApiIfMatch()
  @ApiOkResponse({ type: WriteResponseDto, description: 'Attached.' })
  @ApiAdministrationProblems(400, 401, 403, 404, 409, 412, 413, 415)
  async attach(
    @Param('id', ResourceIdPipe) id: string,
    @Body() body: AttachSignalsDto,
    @CommandRequest() request: CommandRequest,
  ): Promise<WriteResponse> {
    return this.escalations.run(request, id, {
      type: 'AttachSignals',
      ...request.context,
      data: {
        escalationId: id,
        signals: await signalFactsFor(this.store, body.signalIds, request.actor),
      },
    });
  }
}
