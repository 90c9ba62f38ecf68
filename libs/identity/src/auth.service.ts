import type { AccessTokenView } from './user.view.js';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DomainError } from '@app/platform';
import { verifyAgainstNothing, verifyPassword } from './passwords.js';
import { LoginThrottle } from './login-throttle.js';
import { User } from './user.entity.js';

export const ACCESS_TOKEN_TTL_SECONDS = 3600;

export class AuthenticationError extends DomainError {
  constructor(message = 'Not authenticated.') {
    super('AUTH.UNAUTHENTICATED', message, 401);
  }
}

/** Sign-in with email and password, and the bearer tokens that follow. */
@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly throttle: LoginThrottle,
  ) {}

  /** The same answer, in about the same time, for an unknown email, a wrong password and a disabled user. */
  async login(email: string, password: string): Promise<AccessTokenView> {
    const user = await this.verify(email, password);
    const accessToken = await this.jwt.signAsync(
      { sub: user.id, cv: user.credentialsVersion },
      { expiresIn: ACCESS_TOKEN_TTL_SECONDS },
    );
    return { accessToken, expiresIn: ACCESS_TOKEN_TTL_SECONDS, tokenType: 'Bearer' };
  }

  /** The active user with these credentials (the console signs in with it too), throttled per address. */
  async verify(email: string, password: string): Promise<User> {
    await this.throttle.assertMayTry(email);
    const user = await this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.email = :email', { email: email.trim() })
      .getOne();
    const valid = user ? await verifyPassword(user.passwordHash, password) : await verifyAgainstNothing(password);
    if (!user || !valid || !user.active) {
      await this.throttle.failed(email);
      throw new AuthenticationError('Email or password is wrong.');
    }
    await this.throttle.succeeded(email);
    return user;
  }

  /** The active user a bearer token stands for; a disabled user's token, or one from before a password reset, stops working at once. */
  async authenticate(token: string): Promise<User> {
    let payload: { sub?: unknown; cv?: unknown };
    try {
      payload = await this.jwt.verifyAsync<{ sub?: unknown; cv?: unknown }>(token);
    } catch {
      throw new AuthenticationError('The access token is invalid or has expired.');
    }
    if (typeof payload.sub !== 'string') throw new AuthenticationError('The access token is invalid.');
    const user = await this.dataSource.getRepository(User).findOneBy({ id: payload.sub });
    if (!user || !user.active) throw new AuthenticationError('This account is disabled or no longer exists.');
    // A password reset raises the version: tokens issued before it end, as a disabled user's do.
    if ((typeof payload.cv === 'number' ? payload.cv : 0) !== user.credentialsVersion)
      throw new AuthenticationError('The password was changed since this token was issued. Sign in again.');
    return user;
  }
}
