import { DynamicModule, Global, Module } from '@nestjs/common';
import type { Settings } from '@praktijklus/config';

/** Inject with `@Inject(SETTINGS) settings: Settings`. */
export const SETTINGS = Symbol('Settings');

@Global()
@Module({})
export class SettingsModule {
  static forRoot(settings: Settings): DynamicModule {
    return {
      module: SettingsModule,
      providers: [{ provide: SETTINGS, useValue: settings }],
      exports: [SETTINGS],
    };
  }
}
