import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { AuditModule } from '@app/audit';
import { AppConfig } from '@app/platform';
import { AuthGuard } from './auth.guard.js';
import { AuthService } from './auth.service.js';
import { FirstAdmin } from './first-admin.js';
import { UsersService } from './users.service.js';

@Module({
  imports: [
    AuditModule,
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ secret: config.jwtSecret, signOptions: { algorithm: 'HS256', issuer: 'assure' }, verifyOptions: { algorithms: ['HS256'], issuer: 'assure' } }),
    }),
  ],
  providers: [UsersService, AuthService, AuthGuard, FirstAdmin],
  exports: [UsersService, AuthService, AuthGuard],
})
export class IdentityModule {}
