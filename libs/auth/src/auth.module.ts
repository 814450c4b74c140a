import { DynamicModule, type FactoryProvider, Module, type ModuleMetadata } from '@nestjs/common';
import { AuthGuard } from './auth.guard';
import { TokenVerifier } from './token-verifier';

export interface AuthModuleAsyncOptions {
  imports?: ModuleMetadata['imports'];
  inject?: FactoryProvider['inject'];
  useFactory: (...args: never[]) => TokenVerifier | Promise<TokenVerifier>;
}

/**
 * Provides the TokenVerifier and the AuthGuard everywhere (global). The server makes the guard
 * global with `{ provide: APP_GUARD, useExisting: AuthGuard }`.
 */
@Module({})
export class AuthModule {
  static forRoot(options: { verifier: TokenVerifier }): DynamicModule {
    return {
      module: AuthModule,
      global: true,
      providers: [{ provide: TokenVerifier, useValue: options.verifier }, AuthGuard],
      exports: [TokenVerifier, AuthGuard],
    };
  }

  static forRootAsync(options: AuthModuleAsyncOptions): DynamicModule {
    return {
      module: AuthModule,
      global: true,
      imports: options.imports ?? [],
      providers: [
        {
          provide: TokenVerifier,
          inject: options.inject ?? [],
          useFactory: options.useFactory,
        },
        AuthGuard,
      ],
      exports: [TokenVerifier, AuthGuard],
    };
  }
}
