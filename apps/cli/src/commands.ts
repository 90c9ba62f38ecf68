import { Command, CommandRunner, Option } from 'nest-commander';
import { AuditTrail } from '@app/audit';
import { ROLES, UsersService, type Role } from '@app/identity';

const CLI_ACTOR = { type: 'system' as const, id: 'cli' };

interface UserOptions {
  email: string;
  name?: string;
  role?: Role;
  password: string;
}

/** `npm run cli -- user:create --email a@trust.nhs.uk --name "A B" --role procurement --password ...` */
@Command({ name: 'user:create', description: 'create an internal user' })
export class UserCreateCommand extends CommandRunner {
  constructor(private readonly users: UsersService) {
    super();
  }

  async run(_args: string[], options: UserOptions): Promise<void> {
    if (!options.email || !options.password || !options.role)
      throw new Error('user:create needs --email, --role and --password (and --name)');
    const user = await this.users.create(
      { email: options.email, name: options.name ?? options.email, role: options.role, password: options.password },
      CLI_ACTOR,
    );
    console.log(`created ${user.role} ${user.email} (${user.id})`);
  }

  @Option({ flags: '--email <email>', required: true }) email(v: string) {
    return v;
  }
  @Option({ flags: '--name <name>' }) name(v: string) {
    return v;
  }
  @Option({ flags: '--role <role>', description: ROLES.join(', ') })
  role(v: string) {
    if (!(ROLES as readonly string[]).includes(v)) throw new Error(`--role must be one of ${ROLES.join(', ')}`);
    return v;
  }
  @Option({ flags: '--password <password>', required: true })
  password(v: string) {
    if (v.length < 12) throw new Error('--password must be at least 12 characters');
    return v;
  }
}

/** `npm run cli -- user:reset-password --email a@trust.nhs.uk --password ...` */
@Command({ name: 'user:reset-password', description: "set a user's password" })
export class UserResetPasswordCommand extends CommandRunner {
  constructor(private readonly users: UsersService) {
    super();
  }

  async run(_args: string[], options: UserOptions): Promise<void> {
    const user = await this.users.resetPasswordByEmail(options.email, options.password, CLI_ACTOR);
    console.log(`password reset for ${user.email}`);
  }

  @Option({ flags: '--email <email>', required: true }) email(v: string) {
    return v;
  }
  @Option({ flags: '--password <password>', required: true })
  password(v: string) {
    if (v.length < 12) throw new Error('--password must be at least 12 characters');
    return v;
  }
}

/** `npm run cli -- audit:verify`: walks the hash chain; exit 1 and the first broken row if any. */
@Command({ name: 'audit:verify', description: 'verify the audit trail hash chain' })
export class AuditVerifyCommand extends CommandRunner {
  constructor(private readonly audit: AuditTrail) {
    super();
  }

  async run(): Promise<void> {
    const { checked, firstBroken } = await this.audit.verify();
    if (firstBroken) {
      console.error(
        `audit chain BROKEN at row ${firstBroken.id}: ${firstBroken.reason} (${checked} rows verified before it)`,
      );
      process.exitCode = 1;
      return;
    }
    console.log(`audit chain verified: ${checked} rows, no break`);
  }
}
