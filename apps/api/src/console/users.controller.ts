import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CreateUserInput, ROLES, Roles, UpdateUserInput, UsersService, type AuthenticatedRequest } from '@app/identity';
import { DomainError } from '@app/platform';
import { validatedForm } from './forms.js';
import { ConsoleErrors, formFields, formProblems, redirect, sendPage, summaryOf, type FieldSpec } from './pages.js';

/** Admin: internal users and their roles; adding one, changing a role, enabling or disabling (a disabled user is signed out at once). */
@ApiExcludeController()
@UseFilters(ConsoleErrors)
@Controller('console/admin/users')
export class ConsoleUsersController {
  constructor(private readonly usersService: UsersService) {}

  @Get()
  @Roles('admin')
  async users(@Req() request: AuthenticatedRequest, @Res() reply: FastifyReply) {
    await this.usersPage(reply, request, { role: 'viewer' }, []);
  }

  @Post()
  @Roles('admin')
  async createUser(
    @Body() body: Record<string, string>,
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
  ) {
    try {
      const input = await validatedForm(CreateUserInput, {
        email: body.email ?? '',
        name: body.name ?? '',
        role: body.role ?? '',
        password: body.password ?? '',
      });
      await this.usersService.create(input, { type: 'user', id: request.user!.id });
    } catch (error) {
      const { status, errors } = formProblems(error, 'email');
      return this.usersPage(reply, request, { ...body, password: '' }, errors, status);
    }
    redirect(reply, '/console/admin/users');
  }

  /** A role change or enabling/disabling, with the API's rules; an admin cannot lock themselves out. */
  @Post(':id')
  @Roles('admin')
  async changeUser(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: Record<string, string>,
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
  ) {
    if (id === request.user!.id)
      throw new DomainError('CONSOLE.SELF', 'You cannot disable your own account or change your own role.', 409);
    try {
      const changes = await validatedForm(UpdateUserInput, {
        ...(body.role !== undefined ? { role: body.role } : {}),
        ...(body.active !== undefined ? { active: body.active === 'true' } : {}),
      });
      await this.usersService.update(id, changes, { type: 'user', id: request.user!.id });
    } catch (error) {
      const { status, errors } = formProblems(error, 'role');
      return this.usersPage(reply, request, { role: 'viewer' }, errors, status);
    }
    redirect(reply, '/console/admin/users');
  }

  private async usersPage(
    reply: FastifyReply,
    request: AuthenticatedRequest,
    values: Record<string, string>,
    errors: { path: string; message: string }[],
    status = 200,
  ) {
    const { items, total } = await this.usersService.list(1, 200);
    const specs: FieldSpec[] = [
      { name: 'name', label: 'Name', value: values.name ?? '', autocomplete: 'off' },
      { name: 'email', label: 'Email address', value: values.email ?? '', type: 'email', autocomplete: 'off' },
      { name: 'role', label: 'Role', value: values.role ?? '', options: ROLES },
      {
        name: 'password',
        label: 'First password',
        errorLabel: 'First password',
        hint: 'At least 12 characters. Tell them to change it when they first sign in.',
        value: '',
        type: 'password',
        autocomplete: 'new-password',
      },
    ];
    sendPage(
      reply,
      request,
      'users',
      'Users',
      {
        total,
        users: items.map((u) => ({
          id: u.id,
          name: u.name,
          email: u.email,
          role: u.role,
          active: u.active,
          self: u.id === request.user!.id,
          roles: ROLES.map((r) => ({ value: r, selected: r === u.role })),
        })),
        errors: summaryOf(errors, specs),
        fields: formFields(specs, errors),
      },
      errors.length > 0,
      status,
    );
  }
}
