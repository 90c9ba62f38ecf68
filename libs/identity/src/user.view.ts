import type { Role, User } from './user.entity.js';

/** What leaves the API about a user: never the password hash. */
export class UserView {
  id: string;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

/** `POST /api/v1/auth/login`: a bearer token for `Authorization: Bearer`. */
export class AccessTokenView {
  accessToken: string;
  /** Seconds until the token stops working. */
  expiresIn: number;
  tokenType: 'Bearer';
}

export function toUserView(user: User): UserView {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    active: user.active,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}
