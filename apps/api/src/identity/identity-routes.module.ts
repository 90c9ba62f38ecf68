import { Module } from '@nestjs/common';
import { IdentityModule } from '@app/identity';
import { AuthController, UsersController } from './identity.controllers.js';

/** Sign-in, and user management for admins. */
@Module({ imports: [IdentityModule], controllers: [AuthController, UsersController] })
export class IdentityRoutesModule {}
