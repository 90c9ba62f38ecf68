import { Module, type DynamicModule } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { DatabaseModule } from '@app/database';
import { IdentityModule } from '@app/identity';
import { AppConfig, ClockModule, ConfigModule } from '@app/platform';
import { AuditVerifyCommand, UserCreateCommand, UserResetPasswordCommand } from './commands.js';

@Module({})
export class CliModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CliModule,
      imports: [ConfigModule.forRoot(config), ClockModule, DatabaseModule, AuditModule, IdentityModule],
      providers: [UserCreateCommand, UserResetPasswordCommand, AuditVerifyCommand],
    };
  }
}
