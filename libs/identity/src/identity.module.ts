import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { AuditModule } from '@app/audit';
import { AuthConfig } from '@app/platform';
import { AuthGuard } from './auth.guard.js';
import { AuthService } from './auth.service.js';
import { ConsoleSessions } from './console-sessions.js';
import { FirstAdmin } from './first-admin.js';
import { LoginThrottle } from './login-throttle.js';
import { UsersService } from './users.service.js';

@Module({
  imports: [
    AuditModule,
    JwtModule.registerAsync({
      inject: [AuthConfig],
      useFactory: (auth: AuthConfig) => {
        // A ready KeyObject: given a string, jsonwebtoken first tries (and fails) to parse it as a
        // public key on every verify, which cost more than the rest of a request put together.
        const key = createSecretKey(Buffer.from(auth.jwtSecret, 'utf8'));
        return {
          secretOrKeyProvider: () => key,
          signOptions: { algorithm: 'HS256', issuer: 'assure' },
          verifyOptions: { algorithms: ['HS256'], issuer: 'assure' },
        };
      },
    }),
  ],
  providers: [UsersService, AuthService, AuthGuard, FirstAdmin, ConsoleSessions, LoginThrottle],
  exports: [UsersService, AuthService, AuthGuard, ConsoleSessions],
})
export class IdentityModule {}
