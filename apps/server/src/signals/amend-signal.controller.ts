import { Body, Controller, HttpCode, Inject, Param, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Roles } from '@praktijklus/auth';
import { InitiativeReference, SignalChanges, signalDecider } from '@praktijklus/domain';
import type { EventStore } from '@praktijklus/event-store';
import { ReferenceData } from '@praktijklus/reference';
import { CommandRequest } from '../commands/command-request';
import { CommandRunner, type WriteResponse } from '../commands/command-runner';
import { EVENT_STORE } from '../event-store/event-store.tokens';
import { BEARER_AUTH } from '../openapi/openapi';
import {
  InitiativePersonalData,
  type InitiativeData,
  readSignal,
  signalStreamId,
} from '@praktijklus/commands';
import { AmendSignalDto } from './amend-signal.dto';
import { ApiIfMatch, ApiProblems, WriteResponseDto } from './api-responses.dto';
import { locationOf, normOf } from './signal-mapping';
import { requireKnownReferences } from './signal-references';
import { SignalIdPipe } from './signal-id.pipe';

@ApiTags('signals')
@ApiBearerAuth(BEARER_AUTH)
@Controller('api/v1/signals')
export class AmendSignalController {
  constructor(
    private readonly commands: CommandRunner,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ReferenceData) private readonly reference: ReferenceData,
    @Inject(InitiativePersonalData) private readonly initiatives: InitiativePersonalData,
  ) {}

  @Patch(':id')
  @HttpCode(200)
  @Roles('officer')
  @ApiOperation({
    summary: 'Amend a signal (officer of the reporting authority)',
    description:
      'Any subset of the recordable fields; a field sent replaces the recorded value, null removes the initiative or location. Repeating an amendment already applied writes nothing.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiIfMatch()
  @ApiOkResponse({ type: WriteResponseDto, description: 'Amended (or already so).' })
  @ApiProblems(400, 401, 403, 404, 409, 412, 413, 415)
  async amend(
    @Param('id', SignalIdPipe) id: string,
    @Body() body: AmendSignalDto,
    @CommandRequest() request: CommandRequest,
  ): Promise<WriteResponse> {
    requireKnownReferences(this.reference, body);
    const { state } = await readSignal(this.store, id);
    const previousRef = state.status === 'EMPTY' ? null : (state.initiative?.personalDataRef ?? null);

    let stored: { ref: string; data: InitiativeData } | undefined;
    let initiative: InitiativeReference | null | undefined;
    if (body.initiative === undefined || body.initiative === null) {
      initiative = body.initiative;
    } else if (previousRef !== null && (await this.initiatives.holds(previousRef, body.initiative))) {
      // The same name and contact again: no new version, so a repeated PATCH stays a no-op.
      initiative = { personalDataRef: previousRef };
    } else {
      stored = { ref: this.initiatives.newRef(id), data: body.initiative };
      initiative = { personalDataRef: stored.ref };
    }

    const changes: SignalChanges = {
      ...(body.type !== undefined ? { type: body.type } : {}),
      ...(body.title !== undefined ? { title: body.title } : {}),
      ...(body.description !== undefined ? { description: body.description } : {}),
      ...(body.policyDomain !== undefined ? { policyDomain: body.policyDomain } : {}),
      ...(body.level !== undefined ? { level: body.level } : {}),
      ...(body.initiativeKind !== undefined ? { initiativeKind: body.initiativeKind } : {}),
      ...(body.observedAt !== undefined ? { observedAt: body.observedAt } : {}),
      ...(body.authorities !== undefined ? { authorities: body.authorities } : {}),
      ...(body.norms !== undefined ? { norms: body.norms.map(normOf) } : {}),
      ...(initiative !== undefined ? { initiative } : {}),
      ...(body.location !== undefined
        ? { location: body.location === null ? null : locationOf(body.location) }
        : {}),
    };
    const written = await this.commands.run(request, {
      id,
      streamId: signalStreamId(id),
      decider: signalDecider,
      command: { type: 'AmendSignal', ...request.context, data: { signalId: id, changes } },
    });

    if (stored !== undefined) await this.initiatives.keep(stored.ref, stored.data);
    if (initiative !== undefined && previousRef !== null)
      await this.eraseIfReplaced(id, previousRef, request.now);
    return written;
  }

  // A replaced version of the personal data is unreachable through the API; keeping it would only
  // keep personal data longer than needed.
  private async eraseIfReplaced(id: string, ref: string, at: string): Promise<void> {
    const { state } = await readSignal(this.store, id);
    if (state.status !== 'EMPTY' && state.initiative?.personalDataRef !== ref)
      await this.initiatives.erase(ref, at);
  }
}
