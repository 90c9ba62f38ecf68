import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';
import { AccessTokenView, AuthService, CreateUserInput, Public, Roles, toUserView, UpdateUserInput, UsersService } from '@app/identity';
import { PageQuery, pageOf, RateLimit } from '@app/platform';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class LoginBody {
  @Transform(trim) @IsEmail({}, { message: 'must be an email address' }) email: string;
  @IsString() @MinLength(1) @MaxLength(200) password: string;
}

export class CreateUserBody extends CreateUserInput {}

export class UpdateUserBody extends UpdateUserInput {}

@ApiTags('identity')
@Controller('api/v1/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /** Email and password for a bearer token. Rate limited; the same 401 whatever was wrong. */
  @Post('login')
  @Public()
  @HttpCode(200)
  @RateLimit({ name: 'login', limit: 10, windowSeconds: 60 })
  login(@Body() body: LoginBody): Promise<AccessTokenView> {
    return this.auth.login(body.email, body.password);
  }
}

@ApiTags('identity')
@ApiBearerAuth()
@Controller('api/v1/users')
@Roles('admin')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  async list(@Query() query: PageQuery) {
    const { items, total } = await this.users.list(query.page, query.pageSize);
    return pageOf(items.map(toUserView), total, query);
  }

  @Post()
  async create(@Body() body: CreateUserBody) {
    return toUserView(await this.users.create(body));
  }

  @Patch(':id')
  async update(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: UpdateUserBody) {
    return toUserView(await this.users.update(id, body));
  }
}
