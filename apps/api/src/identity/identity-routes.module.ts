import { Module } from '@nestjs/common';
import { IdentityModule } from '@app/identity';
import { AuthController } from './auth.controller.js';
import { UsersController } from './users.controller.js';

/** Sign-in, and user management for admins. */
@Module({ imports: [IdentityModule], controllers: [AuthController, UsersController] })
export class IdentityRoutesModule {}
