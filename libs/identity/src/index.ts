export { IdentityModule } from './identity.module.js';
export { User, ROLES, type Role } from './user.entity.js';
export { toUserView, UserView, AccessTokenView } from './user.view.js';
export { UsersService, USER_SORTS, type NewUser, type UserChanges } from './users.service.js';
export { AuthService, AuthenticationError } from './auth.service.js';
export { AuthGuard, ForbiddenError, type AuthenticatedRequest } from './auth.guard.js';
export {
  ConsoleSessions,
  consoleCookie,
  CONSOLE_COOKIE,
  CONSOLE_ABSOLUTE_HOURS,
  type ConsoleSession,
} from './console-sessions.js';
export { Public, Roles, can, ACCESS, ALL_ROLES, type AccessRule, type Action } from './access.js';
export { CreateUserInput, UpdateUserInput } from './user.input.js';
export { LOGIN_CSRF_COOKIE, loginCsrfCookie, loginCsrfMatches, newLoginCsrf } from './login-csrf.js';
