import type { EntityManager } from 'typeorm';
import { can, type Action, type Role } from '@app/identity';

/**
 * Whether an internal email's reader may do the action it asks for. Owners (of a supplier, of a data
 * asset) may hold any role, and the console refuses a page to a role that may not act on it: an
 * email to such a reader links to a page they can open and says who does the rest. An address that
 * is no active user (a shared mailbox) may not.
 */
export async function readerMay(m: EntityManager, email: string | undefined, action: Action): Promise<boolean> {
  if (!email) return false;
  const [user] = await m.query<{ role: Role }[]>(
    'SELECT role FROM app_user WHERE lower(email::text) = lower($1) AND active LIMIT 1',
    [email],
  );
  return user !== undefined && can(user, action);
}
