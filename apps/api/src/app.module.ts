import { Module, ValidationPipe, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { DatabaseModule } from '@app/database';
import { AuthGuard, IdentityModule } from '@app/identity';
import { RiskSettingsModule } from '@app/scoring';
import {
  AppConfig,
  ClockModule,
  ConfigModule,
  ProblemDetailsFilter,
  RateLimitGuard,
  RateLimitModule,
  RedisModule,
  validationExceptionFactory,
} from '@app/platform';
import { ConsoleModule } from './console/console.module.js';
import { GovernanceModule } from './governance/governance.module.js';
import { HealthModule } from './health/health.module.js';
import { IdentityRoutesModule } from './identity/identity-routes.module.js';
import { PortalModule } from './portal/portal.module.js';
import { ProcurementModule } from './procurement/procurement.module.js';

/** The HTTP app: platform services, then the three front doors. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        ClockModule,
        RiskSettingsModule,
        RedisModule,
        RateLimitModule,
        DatabaseModule,
        IdentityModule,
        HealthModule,
        IdentityRoutesModule,
        ProcurementModule,
        PortalModule,
        GovernanceModule,
        ConsoleModule,
      ],
      providers: [
        {
          provide: APP_PIPE,
          useValue: new ValidationPipe({
            whitelist: true,
            forbidNonWhitelisted: true,
            forbidUnknownValues: true,
            transform: true,
            validationError: { target: false, value: false },
            exceptionFactory: validationExceptionFactory,
          }),
        },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        // Rate limits first (so floods are cut before any work), then who may call the route.
        { provide: APP_GUARD, useClass: RateLimitGuard },
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
    };
  }
}
