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
