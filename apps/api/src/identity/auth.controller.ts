import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../openapi/decorators.js';
import { AccessTokenView, AuthService, Public } from '@app/identity';
import { RateLimit } from '@app/platform';
import { LoginBody } from './login.input.js';

@ApiTags('procurement', 'governance', 'admin')
@Controller('api/v1/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /** Email and password for a bearer token. Rate limited; the same 401 whatever was wrong. */
  @Post('login')
  @Public()
  @HttpCode(200)
  @RateLimit({ name: 'login', limit: 10, windowSeconds: 60 })
  @ApiProblems(401)
  login(@Body() body: LoginBody): Promise<AccessTokenView> {
    return this.auth.login(body.email, body.password);
  }
}
