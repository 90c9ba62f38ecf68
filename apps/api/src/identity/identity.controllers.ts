import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiPage, ApiProblems } from '../openapi/decorators.js';
import { Transform } from 'class-transformer';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';
import { AccessTokenView, AuthService, CreateUserInput, Public, Roles, toUserView, UpdateUserInput, UsersService, UserView } from '@app/identity';
import { PageQuery, pageOf, RateLimit } from '@app/platform';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class LoginBody {
  @Transform(trim) @IsEmail({}, { message: 'must be an email address' }) email: string;
  @IsString() @MinLength(1) @MaxLength(200) password: string;
}

export class CreateUserBody extends CreateUserInput {}

export class UpdateUserBody extends UpdateUserInput {}

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

@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/v1/users')
@Roles('admin')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  /** Internal users. */
  @Get()
  @ApiPage(UserView)
  async list(@Query() query: PageQuery) {
    const { items, total } = await this.users.list(query.page, query.pageSize);
    return pageOf(items.map(toUserView), total, query);
  }

  /** Adds an internal user with a role and a password. */
  @Post()
  @ApiProblems(409)
  async create(@Body() body: CreateUserBody) {
    return toUserView(await this.users.create(body));
  }

  /** Changes a user's name, role or password, or disables it (its token stops working at once). */
  @Patch(':id')
  @ApiProblems(409, 422)
  async update(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: UpdateUserBody) {
    return toUserView(await this.users.update(id, body));
  }
}
