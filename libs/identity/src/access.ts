import { SetMetadata } from '@nestjs/common';
import type { Role } from './user.entity.js';

export const ACCESS = 'assure:access';

/** Who may call a route. Every route declares one; a route without it is refused to everyone. */
export type AccessRule = { public: true } | { roles: Role[] };

/** Anyone, signed in or not (login, health, the supplier portal's own token check). */
export const Public = () => SetMetadata(ACCESS, { public: true } satisfies AccessRule);

/** Signed-in users with one of these roles; admin may always call. */
export const Roles = (...roles: Role[]) => SetMetadata(ACCESS, { roles } satisfies AccessRule);

/** Every internal role. */
export const ALL_ROLES: Role[] = ['admin', 'procurement', 'governance', 'viewer'];

/**
 * Who may do what, by action: the one table that pages, services and routes read (admin may do
 * everything). A route declares `@Allow(action)`, or `@Roles(...)` with the same roles.
 */
export const PERMISSIONS = {
  'register.write': ['procurement'], // suppliers, contacts, data assets, data-sharing links, imports
  'assessment.send': ['procurement'],
  'assessment.review': ['procurement'], // return, complete, adjust answers downward
  'notification.retry': ['procurement'],
  'finding.read': ['procurement', 'governance'],
  'finding.update': ['procurement', 'governance'], // plan and resolve
  'finding.accept': ['governance'], // every acceptance field
  'score.raise': ['governance'], // a review adjustment above what the answer scores
  'risk.decide': ['governance'],
  'report.read': ['governance'],
  'audit.read': ['governance'],
  'user.manage': [],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof PERMISSIONS;

/** Whether a signed-in user may do an action. */
export function can(user: { role: Role } | null | undefined, action: Action): boolean {
  if (!user) return false;
  return user.role === 'admin' || (PERMISSIONS[action] as readonly Role[]).includes(user.role);
}

/** Route metadata from the permission table: the roles that may do the action. */
export const Allow = (action: Action) => Roles(...PERMISSIONS[action]);
