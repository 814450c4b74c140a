import { Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { RouteConstraints } from '@nestjs/platform-fastify';
import { ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { issueDevelopmentToken, loadOrCreateSecret, Public } from '@praktijklus/auth';
import { ReferenceData } from '@praktijklus/reference';
import type { Settings } from '@praktijklus/config';
import { SETTINGS } from '../config/settings.module';
import { HttpProblem } from '../errors/problem';
import { developmentTokensAllowed, SERVED_ONLY_IN_DEVELOPMENT } from './development-sign-in';
import { DevelopmentTokenDto, type DevelopmentTokenAnswer } from './development-token.dto';
import { WEB_OPTIONS, type WebOptions } from './web.options';

const DEVELOPMENT_TOKEN_HOURS = 8;

/** How the web app signs users in: `GET /api/v1/auth/config`. */
export interface AuthConfigAnswer {
  /** Development tokens may be issued here (see `developmentTokensAllowed`). */
  developmentTokens: boolean;
  /** The OIDC provider for authorization code + PKCE, when AUTH_ISSUER and AUTH_OIDC_CLIENT_ID are set. */
  oidc: { issuer: string; clientId: string; scope: string } | null;
}

@ApiTags('web')
@Controller('api/v1')
export class WebController {
  constructor(
    @Inject(SETTINGS) private readonly settings: Settings,
    @Inject(WEB_OPTIONS) private readonly options: WebOptions,
    private readonly reference: ReferenceData,
  ) {}

  @Get('auth/config')
  @Public()
  @ApiOkResponse({
    description: 'Whether development sign-in is on, and the OIDC provider (issuer, client id).',
  })
  authConfig(): AuthConfigAnswer {
    const issuer = this.settings.auth.issuer;
    const clientId = this.options.oidcClientId;
    return {
      developmentTokens: developmentTokensAllowed(this.settings),
      oidc:
        issuer !== undefined && clientId !== undefined
          ? { issuer, clientId, scope: this.options.oidcScope ?? 'openid profile' }
          : null,
    };
  }

  @Get('dev/authorities')
  @Public()
  @RouteConstraints(SERVED_ONLY_IN_DEVELOPMENT)
  @ApiOkResponse({ description: 'The authorities to choose from on the development sign-in page.' })
  @ApiNotFoundResponse({
    description: 'Development sign-in is off (production, OIDC, or HOST not loopback).',
  })
  developmentAuthorities(): ReturnType<ReferenceData['authorities']> {
    this.requireDevelopment();
    return this.reference.authorities();
  }

  @Post('dev/token')
  @Public()
  @RouteConstraints(SERVED_ONLY_IN_DEVELOPMENT)
  @HttpCode(201)
  @ApiCreatedResponse({ description: 'A development token, valid for 8 hours.' })
  @ApiNotFoundResponse({
    description: 'Development sign-in is off (production, OIDC, or HOST not loopback).',
  })
  async developmentToken(@Body() body: DevelopmentTokenDto): Promise<DevelopmentTokenAnswer> {
    this.requireDevelopment();
    if (!this.reference.isAuthority(body.authority)) {
      throw new HttpProblem(400, 'VALIDATION_FAILED', 'The request is not valid.', {}, [
        {
          field: 'authority',
          message: `authority ${body.authority} is not a known authority`,
          rule: { key: 'UNKNOWN_AUTHORITY', params: { id: body.authority } },
        },
      ]);
    }
    const { issuer, audience, jwtSecret } = this.settings.auth;
    const token = await issueDevelopmentToken({
      // The same secret the server verifies with: AUTH_JWT_SECRET or the one generated into DATA_DIR.
      secret: loadOrCreateSecret(this.settings.dataDir, jwtSecret),
      sub: body.sub,
      roles: body.roles,
      authority: body.authority,
      ...(body.name !== undefined && body.name.trim() !== '' ? { name: body.name.trim() } : {}),
      expiresIn: `${DEVELOPMENT_TOKEN_HOURS}h`,
      ...(issuer !== undefined ? { issuer } : {}),
      ...(audience !== undefined ? { audience } : {}),
    });
    return { token, expiresAt: new Date(Date.now() + DEVELOPMENT_TOKEN_HOURS * 3_600_000).toISOString() };
  }

  private requireDevelopment(): void {
    if (!developmentTokensAllowed(this.settings)) {
      // Not reached while the router's constraint (development-sign-in.ts) holds; answered as it would.
      throw new HttpProblem(404, 'ROUTE_NOT_FOUND', 'There is no such route.');
    }
  }
}
