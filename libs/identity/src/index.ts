export { IdentityModule } from './identity.module.js';
export { User, ROLES, type Role } from './user.entity.js';
export { toUserView, UserView, AccessTokenView } from './user.view.js';
export { UsersService, type NewUser, type UserChanges } from './users.service.js';
export { AuthService, AuthenticationError, ACCESS_TOKEN_TTL_SECONDS } from './auth.service.js';
export { AuthGuard, ForbiddenError, type AuthenticatedRequest } from './auth.guard.js';
export { ConsoleSessions, consoleCookie, CONSOLE_COOKIE, CONSOLE_IDLE_MINUTES, CONSOLE_ABSOLUTE_HOURS, type ConsoleSession } from './console-sessions.js';
export { Public, Roles, Allow, can, ALL_ROLES, ACCESS, PERMISSIONS, type AccessRule, type Action } from './access.js';
export { CreateUserInput, UpdateUserInput } from './user.input.js';
