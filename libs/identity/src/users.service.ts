import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager } from 'typeorm';
import { AuditTrail } from '@app/audit';
import { ConflictError, NotFoundError, sortOrder, type Actor } from '@app/platform';
import { hashPassword } from './passwords.js';
import { User, userSnapshot, type Role } from './user.entity.js';

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  password: string;
  active?: boolean;
}

export interface UserChanges {
  name?: string;
  role?: Role;
  active?: boolean;
  password?: string;
}

/** The fields the user list sorts by (`?sort=field` or `-field`), also declared in the OpenAPI document. */
export const USER_SORTS: readonly string[] = ['email', 'name', 'role', 'createdAt'];

/** Creating, changing and listing internal users; every change audited in its own transaction. */
@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
  ) {}

  async list(page: number, pageSize: number, sort?: string): Promise<{ items: User[]; total: number }> {
    const { field, direction } = sortOrder(sort, 'email', USER_SORTS);
    const [items, total] = await this.dataSource.getRepository(User).findAndCount({
      order: { [field]: direction, id: 'ASC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    return { items, total };
  }

  async get(id: string): Promise<User> {
    const user = await this.dataSource.getRepository(User).findOneBy({ id });
    if (!user) throw new NotFoundError('USER.NOT_FOUND', 'No such user.');
    return user;
  }

  async create(input: NewUser, actor?: Actor): Promise<User> {
    return this.dataSource.transaction(async (manager) => {
      await this.assertEmailFree(manager, input.email);
      const user = manager.create(User, {
        email: input.email.trim(),
        name: input.name.trim(),
        role: input.role,
        active: input.active ?? true,
        passwordHash: await hashPassword(input.password),
      });
      const saved = await manager.save(User, user);
      await this.audit.record(manager, {
        action: 'user.created',
        entityType: 'user',
        entityId: saved.id,
        before: null,
        after: { ...userSnapshot(saved), password: 'set' },
        actor,
      });
      return saved;
    });
  }

  async update(id: string, changes: UserChanges, actor?: Actor): Promise<User> {
    return this.dataSource.transaction(async (manager) => {
      // A change that may take an admin away locks the active admins first, always in the same order.
      const admins = changes.role !== undefined || changes.active === false ? await this.lockActiveAdmins(manager) : [];
      const user = await manager.findOne(User, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw new NotFoundError('USER.NOT_FOUND', 'No such user.');
      const before = userSnapshot(user);
      const losesAdmin =
        user.role === 'admin' &&
        user.active &&
        ((changes.role !== undefined && changes.role !== 'admin') || changes.active === false);
      if (losesAdmin && !admins.some((a) => a !== user.id)) {
        throw new ConflictError('USER.LAST_ADMIN', 'This is the last active admin: make another user admin first.', [
          { path: changes.active === false ? 'active' : 'role', message: 'cannot be changed on the last active admin' },
        ]);
      }
      if (changes.name !== undefined) user.name = changes.name.trim();
      if (changes.role !== undefined) user.role = changes.role;
      if (changes.active !== undefined) user.active = changes.active;
      if (changes.password !== undefined) {
        user.passwordHash = await hashPassword(changes.password);
        // A reset ends what the old password opened: bearer tokens (by version) and console sessions.
        user.credentialsVersion += 1;
      }
      if (changes.password !== undefined || changes.active === false) {
        await manager.query('DELETE FROM console_session WHERE user_id = $1', [user.id]);
      }
      const saved = await manager.save(User, user);
      await this.audit.record(manager, {
        action:
          changes.password !== undefined && Object.keys(changes).length === 1 ? 'user.password_reset' : 'user.updated',
        entityType: 'user',
        entityId: id,
        before: { ...before, ...(changes.password !== undefined ? { password: 'old' } : {}) },
        after: { ...userSnapshot(saved), ...(changes.password !== undefined ? { password: 'new' } : {}) },
        actor,
      });
      return saved;
    });
  }

  async resetPasswordByEmail(email: string, password: string, actor?: Actor): Promise<User> {
    const user = await this.dataSource.getRepository(User).findOneBy({ email });
    if (!user) throw new NotFoundError('USER.NOT_FOUND', `No user has the email ${email}.`);
    return this.update(user.id, { password }, actor);
  }

  /** Names of users, in one query (for lists that show who did what). */
  async namesOf(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.dataSource.query<{ id: string; name: string }[]>(
      'SELECT id::text, name FROM app_user WHERE id::text = ANY($1::text[])',
      [[...new Set(ids)]],
    );
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  async count(): Promise<number> {
    return this.dataSource.getRepository(User).count();
  }

  /**
   * The active admins' ids, their rows locked (in id order, so that two admins demoting each other
   * at once queue instead of deadlocking): the last active admin cannot be demoted or disabled,
   * themselves included, so that someone can always manage users.
   */
  private async lockActiveAdmins(manager: EntityManager): Promise<string[]> {
    const rows = await manager.query<{ id: string }[]>(
      "SELECT id FROM app_user WHERE role = 'admin' AND active ORDER BY id FOR UPDATE",
      [],
    );
    return rows.map((r) => r.id);
  }

  private async assertEmailFree(manager: EntityManager, email: string): Promise<void> {
    if (await manager.existsBy(User, { email: email.trim() })) {
      throw new ConflictError('USER.EMAIL_TAKEN', 'A user with this email already exists.', [
        { path: 'email', message: 'is already used by another user' },
      ]);
    }
  }
}
