import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { type ArgumentsHost, Catch, type ExceptionFilter, Controller, Get, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { Field, type GqlContextType, GraphQLModule, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { GraphQLFormattedError } from 'graphql';
import type { Actor } from '@praktijklus/domain';
import { Public, Roles } from './access-policy';
import { AuthGuard } from './auth.guard';
import { AuthModule } from './auth.module';
import { CurrentActor } from './current-actor.decorator';
import { issueDevelopmentToken } from './token-issuer';
import { TokenVerifier } from './token-verifier';

const SECRET = 'praktijklus-guard-test-secret-0123456789-abcdef';

@Controller('probe')
class ProbeController {
  @Get('open')
  @Public()
  open(@CurrentActor({ optional: true }) actor: Actor | undefined) {
    return { actor: actor ?? null };
  }

  @Get('officers')
  @Roles('officer')
  officers(@CurrentActor() actor: Actor) {
    return { actor };
  }

  @Get('admins')
  @Roles('admin')
  admins() {
    return { ok: true };
  }

  @Get('forgotten')
  forgotten() {
    return { reached: true };
  }
}

@Controller('analysis')
@Roles('analyst')
class AnalysisController {
  @Get()
  list(@CurrentActor() actor: Actor) {
    return { sub: actor.sub };
  }

  @Get('about')
  @Public()
  about() {
    return { about: 'analysis' };
  }
}

@ObjectType()
class Me {
  @Field()
  sub!: string;

  @Field()
  authority!: string;
}

@Resolver()
class ProbeResolver {
  @Query(() => String)
  @Public()
  hello(): string {
    return 'hallo';
  }

  @Query(() => Me)
  @Roles('officer', 'analyst', 'admin')
  me(@CurrentActor() actor: Actor): Me {
    return { sub: actor.sub, authority: actor.authority };
  }

  @Query(() => String)
  @Roles('admin')
  adminsOnly(): string {
    return 'geheim';
  }

  @Query(() => String)
  forgotten(): string {
    return 'reached';
  }
}

/** Stands in for the server's problem+json filter: answers `status` and `code` of auth errors. */
@Catch()
class AuthErrorFilter implements ExceptionFilter {
  catch(error: unknown, host: ArgumentsHost) {
    // GraphQL errors go back to Apollo, whose formatError names their code.
    if (host.getType<GqlContextType>() === 'graphql') return error;
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const { status, code, headers } = error as {
      status?: number;
      code?: string;
      headers?: Record<string, string>;
    };
    void reply
      .status(typeof status === 'number' ? status : 500)
      .headers(headers ?? {})
      .send({ code: code ?? 'INTERNAL_ERROR' });
    return undefined;
  }
}

const formatError = (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
  const original = (error as { originalError?: { status?: number; code?: string } }).originalError;
  const code =
    original?.status === 401 ? 'UNAUTHENTICATED' : original?.status === 403 ? 'FORBIDDEN' : undefined;
  return code ? { message: formatted.message, extensions: { code, reason: original?.code } } : formatted;
};

@Module({
  imports: [
    AuthModule.forRoot({ verifier: new TokenVerifier({ secret: SECRET }) }),
    GraphQLModule.forRoot<ApolloDriverConfig>({
      driver: ApolloDriver,
      autoSchemaFile: true,
      context: async (req: FastifyRequest, reply: FastifyReply) => ({ req, reply }),
      formatError,
    }),
  ],
  controllers: [ProbeController, AnalysisController],
  providers: [
    ProbeResolver,
    { provide: APP_GUARD, useExisting: AuthGuard },
    { provide: APP_FILTER, useClass: AuthErrorFilter },
  ],
})
class ProbeModule {}

describe('AuthGuard in a Fastify application', () => {
  let app: NestFastifyApplication;
  let base: string;
  const token = (roles: Actor['roles'], authority = 'gm0344') =>
    issueDevelopmentToken({ secret: SECRET, sub: `${roles[0]}-1`, roles, authority, expiresIn: '5m' });

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ imports: [ProbeModule] }).compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), { logger: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = await app.getUrl();
  });

  afterAll(async () => {
    await app.close();
  });

  const get = async (path: string, bearer?: string) => {
    const response = await fetch(`${base}${path}`, {
      headers:
        bearer === undefined ? {} : { authorization: bearer.includes(' ') ? bearer : `Bearer ${bearer}` },
    });
    return {
      status: response.status,
      body: (await response.json()) as Record<string, unknown>,
      headers: response.headers,
    };
  };

  const graphql = async (query: string, bearer?: string) => {
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(bearer === undefined ? {} : { authorization: `Bearer ${bearer}` }),
      },
      body: JSON.stringify({ query }),
    });
    return (await response.json()) as {
      data?: Record<string, unknown> | null;
      errors?: { extensions?: { code?: string; reason?: string } }[];
    };
  };

  describe('REST', () => {
    it('serves a public route without a token, and names the actor when a valid one comes along', async () => {
      expect(await get('/probe/open')).toMatchObject({ status: 200, body: { actor: null } });
      expect(await get('/probe/open', await token(['officer']))).toMatchObject({
        status: 200,
        body: { actor: { sub: 'officer-1', authority: 'gm0344', roles: ['officer'] } },
      });
      expect(await get('/probe/open', 'not-a-token')).toMatchObject({ status: 200, body: { actor: null } });
    });

    it('answers 401 on a role route without a valid token', async () => {
      const missing = await get('/probe/officers');
      expect(missing).toMatchObject({ status: 401, body: { code: 'UNAUTHENTICATED' } });
      expect(missing.headers.get('www-authenticate')).toBe('Bearer realm="praktijklus"');
      expect(await get('/probe/officers', 'not-a-token')).toMatchObject({
        status: 401,
        body: { code: 'TOKEN_INVALID' },
      });
      expect(await get('/probe/officers', 'Basic dXNlcjpwYXNz')).toMatchObject({
        status: 401,
        body: { code: 'TOKEN_INVALID' },
      });
    });

    it('answers 403 when the token holds none of the roles', async () => {
      expect(await get('/probe/admins', await token(['officer']))).toMatchObject({
        status: 403,
        body: { code: 'ROLE_NOT_ALLOWED' },
      });
    });

    it('lets a holder of the role through, with the actor from the token', async () => {
      expect(await get('/probe/officers', await token(['officer']))).toMatchObject({
        status: 200,
        body: { actor: { sub: 'officer-1', roles: ['officer'] } },
      });
      expect(await get('/probe/admins', await token(['officer', 'admin']))).toMatchObject({ status: 200 });
    });

    it('denies a route nothing allows, even to an admin', async () => {
      expect(await get('/probe/forgotten')).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
      expect(await get('/probe/forgotten', await token(['officer', 'analyst', 'admin']))).toMatchObject({
        status: 403,
        body: { code: 'FORBIDDEN' },
      });
    });

    it('applies a class-level @Roles, and a handler-level @Public over it', async () => {
      expect(await get('/analysis', await token(['analyst'], 'mnre1130'))).toMatchObject({
        status: 200,
        body: { sub: 'analyst-1' },
      });
      expect(await get('/analysis', await token(['officer']))).toMatchObject({ status: 403 });
      expect(await get('/analysis')).toMatchObject({ status: 401 });
      expect(await get('/analysis/about')).toMatchObject({ status: 200, body: { about: 'analysis' } });
    });
  });

  describe('GraphQL', () => {
    it('answers a public query without a token', async () => {
      expect(await graphql('{ hello }')).toEqual({ data: { hello: 'hallo' } });
    });

    it('resolves the actor from the token in a resolver', async () => {
      expect(await graphql('{ me { sub authority } }', await token(['analyst'], 'mnre1130'))).toEqual({
        data: { me: { sub: 'analyst-1', authority: 'mnre1130' } },
      });
    });

    it('refuses a role query without a token as UNAUTHENTICATED', async () => {
      const result = await graphql('{ me { sub } }');
      expect(result.data ?? null).toBeNull();
      expect(result.errors?.[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'UNAUTHENTICATED' });
    });

    it('refuses a query the roles do not allow as FORBIDDEN', async () => {
      const result = await graphql('{ adminsOnly }', await token(['officer']));
      expect(result.errors?.[0]?.extensions).toEqual({ code: 'FORBIDDEN', reason: 'ROLE_NOT_ALLOWED' });
    });

    it('denies an unannotated query to everyone', async () => {
      const result = await graphql('{ forgotten }', await token(['officer', 'analyst', 'admin']));
      expect(result.errors?.[0]?.extensions).toEqual({ code: 'FORBIDDEN', reason: 'FORBIDDEN' });
    });
  });
});
