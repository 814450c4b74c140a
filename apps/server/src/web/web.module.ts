import { DynamicModule, Inject, Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { defaultWebDistDir, registerWebRoutes } from './web-app.static';
import { WebController } from './web.controller';
import { WEB_OPTIONS, webOptionsFromEnvironment, type WebOptions } from './web.options';

/**
 * The web app: `GET /api/v1/auth/config`, the development sign-in endpoints (`/api/v1/dev/...`,
 * 404 in production) and the built single-page app at `/` with a fallback to index.html.
 * Import `WebModule` (options from the environment) or `WebModule.forRoot({...})`.
 */
@Module({
  controllers: [WebController],
  providers: [{ provide: WEB_OPTIONS, useFactory: () => webOptionsFromEnvironment() }],
})
export class WebModule implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(WEB_OPTIONS) private readonly options: WebOptions,
  ) {}

  static forRoot(options: WebOptions = {}): DynamicModule {
    return {
      module: WebModule,
      providers: [{ provide: WEB_OPTIONS, useValue: { ...webOptionsFromEnvironment(), ...options } }],
    };
  }

  // Module init runs inside app.init(), before Fastify is ready, so routes can still be added.
  onModuleInit(): void {
    if (this.options.serveStatic === false) return;
    const fastify = this.adapterHost.httpAdapter.getInstance() as unknown as FastifyInstance;
    registerWebRoutes(fastify, this.options.distDir ?? defaultWebDistDir());
  }
}
