import { Controller, Get, Inject, Param, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Database } from 'better-sqlite3';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '@praktijklus/auth';
import { NotFound } from '@praktijklus/domain';
import { ReferenceData } from '@praktijklus/reference';
import { READ_MODELS } from '../projections/projections.tokens';
import { ApiProblems } from '../signals/api-responses.dto';
import { FollowLinkStore } from './follow-link.store';
import { FOLLOW_LINK_STORE } from './follow-links.tokens';
import { FollowRateLimit } from './follow-rate-limit';
import { followStatusOf, type FollowStatus } from './follow-status';

/** Longer than any token handed out; anything longer is hashed no differently, just refused sooner. */
const MAX_TOKEN_LENGTH = 200;

/**
 * The initiative's own view of its case, without signing in: a read-only status in plain Dutch.
 * Unknown, revoked and expired tokens all answer the same 404.
 */
@ApiTags('follow links')
@Controller('api/v1/follow')
export class FollowController {
  private readonly limit = new FollowRateLimit();

  constructor(
    @Inject(FOLLOW_LINK_STORE) private readonly links: FollowLinkStore,
    @Inject(READ_MODELS) private readonly db: Database,
    @Inject(ReferenceData) private readonly reference: ReferenceData,
  ) {}

  @Get(':token')
  @Public()
  @ApiOperation({
    summary: 'The status of a case, for the initiative that holds its follow link (no sign-in)',
    description:
      'Title and status of the signal, its escalations (authorities by name, deadline, decision), agreements and experiments, with Dutch texts. Never a person, contact data, notes or other signals. Rate-limited per address.',
  })
  @ApiParam({ name: 'token' })
  @ApiOkResponse({ description: 'The status, with Dutch texts beside every code.' })
  @ApiProblems(404)
  follow(
    @Param('token') token: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): FollowStatus {
    this.limit.take(request.ip, Date.now());
    void reply.header('cache-control', 'no-store');
    void reply.header('referrer-policy', 'no-referrer');
    const now = new Date();
    const signalId = this.links.resolve(token.slice(0, MAX_TOKEN_LENGTH), now);
    const status = signalId === null ? null : followStatusOf(this.db, this.reference, signalId, now);
    if (status === null)
      throw new NotFound('FOLLOW_LINK_NOT_FOUND', 'This link is unknown or no longer valid.');
    return status;
  }
}
