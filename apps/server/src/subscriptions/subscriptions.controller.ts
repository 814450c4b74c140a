import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentActor, Roles } from '@praktijklus/auth';
import { type Actor, Forbidden, hasRole, InvalidInput, NotFound } from '@praktijklus/domain';
import {
  checkWebhookHost,
  type NotificationStore,
  PrivateAddressRefused,
  type Subscription,
} from '@praktijklus/reactor';
import type { Settings } from '@praktijklus/config';
import { SETTINGS } from '../config/settings.module';
import { ApiAdministrationProblems } from '../escalations/administration-api';
import { ResourceIdPipe } from '../escalations/resource-id.pipe';
import { NoQueryPipe } from '../http/no-query.pipe';
import { BEARER_AUTH } from '../openapi/openapi';
import { CreatedSubscriptionView, DeliveryView, SubscribeDto, SubscriptionView } from './subscription.dto';
import { NOTIFICATION_STORE } from './subscriptions.tokens';

const DELIVERIES_SHOWN = 100;

const viewOf = (subscription: Subscription): SubscriptionView => ({
  id: subscription.id,
  authority: subscription.authority,
  channel: subscription.channel,
  ...(subscription.channel === 'WEBHOOK' ? { url: subscription.target } : { email: subscription.target }),
  types: subscription.types,
  createdAt: subscription.createdAt,
});

/**
 * Notifications of what happens to the caller's authority's signals, escalations, agreements and
 * experiments: webhooks (signed CloudEvents) for administrators and analysts, e-mail for
 * administrators. A subscription belongs to an authority; another authority's is 404.
 */
@ApiTags('subscriptions')
@ApiBearerAuth(BEARER_AUTH)
@Controller('api/v1/subscriptions')
export class SubscriptionsController {
  constructor(
    @Inject(SETTINGS) private readonly settings: Settings,
    @Inject(NOTIFICATION_STORE) private readonly store: NotificationStore,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles('admin', 'analyst')
  @ApiOperation({
    summary: 'Subscribe a webhook or an e-mail address to event types (admin or analyst)',
    description:
      'Exactly one of url and email. Deliveries are CloudEvents 1.0 (structured JSON, NL GOV profile) signed after Standard Webhooks 1.0 with the secret answered here, shown only once. A URL must be http(s) and resolve to public addresses (checked again at every delivery) unless WEBHOOK_ALLOW_PRIVATE_NETWORKS is set. E-mail needs SMTP_URL and the admin role: one message per event (Dutch, plain text and HTML) and a daily digest of the authority’s overdue items from DIGEST_HOUR (Europe/Amsterdam). With PUBLIC_URL set, CloudEvents carry the extension attribute praktijklusweblink and e-mails a link: the entity’s page in the web app. No personal data is ever sent.',
  })
  @ApiCreatedResponse({ type: CreatedSubscriptionView })
  @ApiAdministrationProblems(400, 401, 403, 413, 415)
  async subscribe(
    @Body() body: SubscribeDto,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CreatedSubscriptionView> {
    if ((body.url === undefined) === (body.email === undefined)) {
      throw new InvalidInput('URL_OR_EMAIL', 'give exactly one of url and email', 'url');
    }
    const types = [...new Set(body.types)];
    let created: Subscription & { secret: string };
    if (body.url !== undefined) {
      await this.requirePublicReceiver(body.url);
      created = this.store.subscribe(
        { authority: actor.authority, createdBy: actor.sub, channel: 'WEBHOOK', target: body.url, types },
        new Date(),
      );
    } else {
      if (!hasRole(actor, 'admin')) {
        throw new Forbidden('ROLE_NOT_ALLOWED', 'an e-mail subscription needs the role admin');
      }
      if (this.settings.smtpUrl === undefined) {
        throw new InvalidInput('EMAIL_NOT_CONFIGURED', 'this server sends no e-mail (no SMTP_URL)', 'email');
      }
      created = this.store.subscribe(
        {
          authority: actor.authority,
          createdBy: actor.sub,
          channel: 'EMAIL',
          target: String(body.email),
          types,
        },
        new Date(),
      );
    }
    void reply.header('location', `/api/v1/subscriptions/${created.id}`);
    return { id: created.id, secret: created.secret };
  }

  @Get()
  @Roles('admin', 'analyst')
  @ApiOperation({ summary: 'The subscriptions of the caller’s authority, without secrets' })
  @ApiOkResponse({ type: [SubscriptionView] })
  @ApiAdministrationProblems(400, 401, 403)
  list(@Query(NoQueryPipe) _query: undefined, @CurrentActor() actor: Actor): SubscriptionView[] {
    return this.store.subscriptionsOf(actor.authority).map(viewOf);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('admin', 'analyst')
  @ApiOperation({ summary: 'End a subscription of the caller’s authority; pending deliveries are not made' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiNoContentResponse({ description: 'Ended.' })
  @ApiAdministrationProblems(400, 401, 403, 404)
  unsubscribe(@Param('id', ResourceIdPipe) id: string, @CurrentActor() actor: Actor): void {
    if (!this.store.unsubscribe(id, actor.authority, new Date())) throw this.notFound();
  }

  @Get(':id/deliveries')
  @Roles('admin', 'analyst')
  @ApiOperation({
    summary: 'The latest deliveries of a subscription: attempts, status, next retry',
    description: `Newest first, at most ${DELIVERIES_SHOWN}. DEAD: the attempts (WEBHOOK_MAX_ATTEMPTS) are used up.`,
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: [DeliveryView] })
  @ApiAdministrationProblems(400, 401, 403, 404)
  deliveries(@Param('id', ResourceIdPipe) id: string, @CurrentActor() actor: Actor): DeliveryView[] {
    if (this.store.subscriptionOf(id, actor.authority) === undefined) throw this.notFound();
    return this.store
      .deliveries(id, DELIVERIES_SHOWN)
      .map(({ subscriptionId: _subscriptionId, ...delivery }) => delivery);
  }

  private async requirePublicReceiver(url: string): Promise<void> {
    try {
      await checkWebhookHost(new URL(url).hostname, this.settings.webhooks.allowPrivateNetworks);
    } catch (error) {
      const detail =
        error instanceof PrivateAddressRefused
          ? 'the URL resolves to a loopback, private, link-local or reserved address'
          : 'the URL’s host cannot be resolved';
      throw new InvalidInput('WEBHOOK_URL_REFUSED', detail, 'url');
    }
  }

  private notFound(): NotFound {
    return new NotFound('SUBSCRIPTION_NOT_FOUND', 'No such subscription.');
  }
}
