import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { AuthConfig } from '@app/platform';
import { UsersService } from './users.service.js';

/** The first admin, from ADMIN_EMAIL and ADMIN_PASSWORD, when no user exists yet. */
@Injectable()
export class FirstAdmin implements OnApplicationBootstrap {
  private readonly logger = new Logger('FirstAdmin');

  constructor(
    private readonly auth: AuthConfig,
    private readonly users: UsersService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.auth.adminEmail || !this.auth.adminPassword) return;
    if ((await this.users.count()) > 0) return;
    try {
      await this.users.create(
        { email: this.auth.adminEmail, name: 'Administrator', role: 'admin', password: this.auth.adminPassword },
        { type: 'system', id: null },
      );
      this.logger.log({ msg: 'created the first admin', email: this.auth.adminEmail });
    } catch (error) {
      // Another replica starting at the same moment may have created it first.
      if (!(error instanceof Error && 'code' in error && error.code === 'USER.EMAIL_TAKEN')) throw error;
    }
  }
}
