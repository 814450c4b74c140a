import { Body, Controller, HttpCode, Inject, Optional, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Database } from 'better-sqlite3';
import { Roles } from '@praktijklus/auth';
import { policyChangeDecider } from '@praktijklus/domain';
import type { EventStore } from '@praktijklus/event-store';
import { ReferenceData } from '@praktijklus/reference';
import { CommandRequest } from '../commands/command-request';
import { CommandRunner, type WriteResponse } from '../commands/command-runner';
import { ApiAdministrationProblems } from '../escalations/administration-api';
import { EVENT_STORE } from '../event-store/event-store.tokens';
import { BEARER_AUTH } from '../openapi/openapi';
import type { ConsistencyWaiter } from '../graphql/consistency.plugin';
import { CONSISTENCY_WAITER, READ_MODELS } from '../projections/projections.tokens';
import { ApiIdempotencyKey, WriteResponseDto } from '../signals/api-responses.dto';
import { normOf } from '../signals/signal-mapping';
import { requireKnownReferences } from '../signals/signal-references';
import { RecordPolicyChangeDto } from './policy-change-fields.dto';
import { policyChangeLocation, policyChangeStreamId, policyEscalationFactsFor } from './policy-change-stream';

@ApiTags('policy-changes')
@ApiBearerAuth(BEARER_AUTH)
@Controller('api/v1/policy-changes')
export class RecordPolicyChangeController {
  constructor(
    private readonly commands: CommandRunner,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODELS) private readonly readModels: Database,
    @Inject(ReferenceData) private readonly reference: ReferenceData,
    @Optional() @Inject(CONSISTENCY_WAITER) private readonly waiter?: ConsistencyWaiter,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles('admin')
  @ApiOperation({
    summary: 'Record a policy change (admin of the authority that decided its escalations)',
    description:
      'Every escalation named was decided POLICY_ADJUSTED by the administrator’s authority, or granted an experiment that authority evaluated ADOPT_IN_POLICY; otherwise 409. That authority becomes the owner.',
  })
  @ApiIdempotencyKey()
  @ApiCreatedResponse({
    type: WriteResponseDto,
    description: 'Recorded.',
    headers: {
      Location: { description: 'The new policy change', schema: { type: 'string' } },
      ETag: { description: 'The stream revision', schema: { type: 'string' } },
    },
  })
  @ApiAdministrationProblems(400, 401, 403, 409, 413, 415)
  async record(
    @Body() body: RecordPolicyChangeDto,
    @CommandRequest() request: CommandRequest,
  ): Promise<WriteResponse> {
    requireKnownReferences(this.reference, body);
    const policyChangeId = request.newId();
    const escalations = await policyEscalationFactsFor(
      this.store,
      { db: this.readModels, waiter: this.waiter },
      body.escalationIds,
      request.actor,
    );
    return this.commands.run(request, {
      id: policyChangeId,
      streamId: policyChangeStreamId(policyChangeId),
      decider: policyChangeDecider,
      command: {
        type: 'RecordPolicyChange',
        ...request.context,
        data: {
          policyChangeId,
          escalations,
          title: body.title,
          description: body.description,
          policyDomain: body.policyDomain,
          norms: body.norms.map(normOf),
          effectiveOn: body.effectiveOn,
          authorities: body.authorities ?? [],
        },
      },
      location: policyChangeLocation(policyChangeId),
    });
  }
}
