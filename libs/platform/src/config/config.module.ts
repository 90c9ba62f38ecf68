import { Global, Module, type DynamicModule, type Provider } from '@nestjs/common';
import type { AppConfig } from './app-config.js';

/** Makes each validated config namespace injectable everywhere, under its own class (`HttpConfig`, `MailConfig`, ...). */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    const providers: Provider[] = Object.values(config).map((namespace: object) => ({
      provide: namespace.constructor,
      useValue: namespace,
    }));
    return { module: ConfigModule, providers, exports: providers.map((p) => (p as { provide: Function }).provide) };
  }
}
