import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiPage, ApiProblems, ApiSort } from '../openapi/decorators.js';
import { CreateUserInput, Roles, toUserView, UpdateUserInput, USER_SORTS, UsersService, UserView } from '@app/identity';
import { PageQuery, pageOf } from '@app/platform';

@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/v1/users')
@Roles('admin')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  /** Internal users. */
  @Get()
  @ApiPage(UserView)
  @ApiSort(USER_SORTS, 'Default `email`.')
  async list(@Query() query: PageQuery) {
    const { items, total } = await this.users.list(query.page, query.pageSize, query.sort);
    return pageOf(items.map(toUserView), total, query);
  }

  /** Adds an internal user with a role and a password. */
  @Post()
  @ApiProblems(409)
  async create(@Body() body: CreateUserInput) {
    return toUserView(await this.users.create(body));
  }

  /** Changes a user's name, role or password, or disables it (its token stops working at once). */
  @Patch(':id')
  @ApiProblems(409, 422)
  async update(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: UpdateUserInput) {
    return toUserView(await this.users.update(id, body));
  }
}
