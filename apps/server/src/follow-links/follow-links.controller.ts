import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentActor, Roles } from '@praktijklus/auth';
import { readSignal } from '@praktijklus/commands';
import {
  Forbidden,
  isInitiativeVisibleTo,
  isSignalVisibleTo,
  NotFound,
  NotVisible,
} from '@praktijklus/domain';
import type { Actor } from '@praktijklus/domain';
import type { EventStore } from '@praktijklus/event-store';
import { ResourceIdPipe } from '../escalations/resource-id.pipe';
import { EVENT_STORE } from '../event-store/event-store.tokens';
import { BEARER_AUTH } from '../openapi/openapi';
import { ApiProblems } from '../signals/api-responses.dto';
import { SignalIdPipe } from '../signals/signal-id.pipe';
import { FollowLinkStore } from './follow-link.store';
import { FOLLOW_LINK_STORE } from './follow-links.tokens';
import {
  DEFAULT_FOLLOW_DAYS,
  FollowLinkDto,
  IssuedFollowLinkDto,
  IssueFollowLinkDto,
} from './issue-follow-link.dto';

/**
 * Follow links let an initiative follow its own case without signing in. Only the reporting
 * authority's officers and administrators — who may see the initiative — issue and revoke them.
 */
@ApiTags('follow links')
@ApiBearerAuth(BEARER_AUTH)
@Controller('api/v1/signals')
export class FollowLinksController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(FOLLOW_LINK_STORE) private readonly links: FollowLinkStore,
  ) {}

  @Post(':id/follow-links')
  @HttpCode(201)
  @Roles('officer', 'admin')
  @ApiOperation({
    summary: 'Issue a follow link for the initiative (officer or admin of the reporting authority)',
    description:
      'The URL carries a 256-bit random token, shown only in this answer; only its SHA-256 hash is stored. Default 180 days.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiCreatedResponse({
    type: IssuedFollowLinkDto,
    headers: { Location: { description: 'The follow links of the signal', schema: { type: 'string' } } },
  })
  @ApiProblems(400, 401, 403, 404, 413, 415)
  async issue(
    @Param('id', SignalIdPipe) id: string,
    @Body() body: IssueFollowLinkDto,
    @CurrentActor() actor: Actor,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<IssuedFollowLinkDto> {
    await this.requireReportingAuthority(id, actor);
    const issued = this.links.issue({
      signalId: id,
      authority: actor.authority,
      issuedBy: actor.sub,
      now: new Date(),
      days: body.expiresInDays ?? DEFAULT_FOLLOW_DAYS,
    });
    void reply.header('location', `/api/v1/signals/${id}/follow-links`);
    return {
      id: issued.id,
      url: `${request.protocol}://${request.host}/volgen/${issued.token}`,
      expiresAt: issued.expiresAt,
    };
  }

  @Get(':id/follow-links')
  @Roles('officer', 'admin')
  @ApiOperation({
    summary: "A signal's follow links, without their tokens (officer or admin of the reporting authority)",
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: [FollowLinkDto] })
  @ApiProblems(400, 401, 403, 404)
  async list(@Param('id', SignalIdPipe) id: string, @CurrentActor() actor: Actor): Promise<FollowLinkDto[]> {
    await this.requireReportingAuthority(id, actor);
    return this.links.list(id, new Date());
  }

  @Delete(':id/follow-links/:linkId')
  @HttpCode(204)
  @Roles('officer', 'admin')
  @ApiOperation({ summary: 'Revoke a follow link: its page answers 404 from now on' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiParam({ name: 'linkId', format: 'uuid' })
  @ApiNoContentResponse({ description: 'Revoked (also when it already was).' })
  @ApiProblems(400, 401, 403, 404)
  async revoke(
    @Param('id', SignalIdPipe) id: string,
    @Param('linkId', ResourceIdPipe) linkId: string,
    @CurrentActor() actor: Actor,
  ): Promise<void> {
    await this.requireReportingAuthority(id, actor);
    if (!this.links.revoke(id, linkId, actor.sub, new Date())) {
      throw new NotFound('FOLLOW_LINK_NOT_FOUND', 'The signal has no such follow link.');
    }
  }

  // Who may see the initiative may invite it: the same rule guards its personal data.
  private async requireReportingAuthority(id: string, actor: Actor): Promise<void> {
    const { state } = await readSignal(this.store, id);
    if (state.status === 'EMPTY') throw new NotFound('SIGNAL_NOT_FOUND', 'No such signal.');
    if (!isSignalVisibleTo(state, actor)) throw new NotVisible('SIGNAL_NOT_FOUND', 'No such signal.');
    if (!isInitiativeVisibleTo(state, actor)) {
      throw new Forbidden(
        'FOLLOW_LINK_NOT_ALLOWED',
        "Only the reporting authority's officers and administrators manage follow links.",
      );
    }
  }
}
