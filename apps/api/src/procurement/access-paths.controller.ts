import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { ApiPage, ApiProblems, ApiSort } from '../openapi/decorators.js';
import type { AccessPathImportResultView } from './procurement.view.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import {
  ACCESS_PATH_SORTS,
  AccessPathCsv,
  AccessPathListQuery,
  AccessPathsService,
  AccessPathView,
  CreateAccessPathInput,
  toAccessPathView,
  UpdateAccessPathInput,
} from '@app/access-paths';
import { ALL_ROLES, Roles } from '@app/identity';
import { DomainError, pageOf } from '@app/platform';
import { ImportQuery } from './import.input.js';

@ApiTags('procurement')
@ApiBearerAuth()
@Controller('api/v1')
export class AccessPathsController {
  constructor(
    private readonly paths: AccessPathsService,
    private readonly csv: AccessPathCsv,
  ) {}

  /** The supplier's paths, paged; `?format=csv` exports them (the file imports back unchanged). */
  @Get('suppliers/:id/access-paths')
  @Roles(...ALL_ROLES)
  @ApiSort(ACCESS_PATH_SORTS, 'Default `createdAt` (the oldest first).')
  @ApiPage(AccessPathView, "One page of the supplier's access paths (or, with `?format=csv`, all of them as CSV).", {
    'text/csv': { schema: { type: 'string' } },
  })
  async list(
    @Param('id', new ParseUUIDPipe()) supplierId: string,
    @Query() query: AccessPathListQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    if (query.format === 'csv') {
      const text = await this.csv.export(supplierId);
      void reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="access-paths.csv"');
      return text;
    }
    const { items, total } = await this.paths.list(supplierId, query);
    return pageOf(items.map(toAccessPathView), total, query);
  }

  /** Records a way the supplier reaches into our systems (audited; the supplier's figures are recomputed). */
  @Post('suppliers/:id/access-paths')
  @Roles('procurement')
  @ApiProblems(422)
  async create(
    @Param('id', new ParseUUIDPipe()) supplierId: string,
    @Body() body: CreateAccessPathInput,
  ): Promise<AccessPathView> {
    return toAccessPathView(await this.paths.create(supplierId, body));
  }

  /** CSV: a row with an `id` updates that path, a row without records a new one; a result per row with its line number. */
  @Post('suppliers/:id/access-paths/import')
  @Roles('procurement')
  @HttpCode(200)
  @ApiConsumes('text/csv')
  @Header('cache-control', 'no-store')
  @ApiProblems(413, 415, 422)
  async import(
    @Param('id', new ParseUUIDPipe()) supplierId: string,
    @Req() request: FastifyRequest,
    @Query() query: ImportQuery,
  ): Promise<AccessPathImportResultView> {
    if (!(request.body instanceof Readable))
      throw new DomainError('REQUEST.UNSUPPORTED_MEDIA_TYPE', 'Send the file as text/csv.', 415);
    await this.paths.list(supplierId, { page: 1, pageSize: 1 }); // 404 for an unknown supplier
    return this.csv.import(supplierId, request.body, query.dryRun === 'true');
  }

  /** One access path. */
  @Get('access-paths/:id')
  @Roles(...ALL_ROLES)
  async get(@Param('id', new ParseUUIDPipe()) id: string): Promise<AccessPathView> {
    return toAccessPathView(await this.paths.get(id));
  }

  /** Edit, disable (`status: disabled`) or remove (`status: removed`, final). */
  @Patch('access-paths/:id')
  @Roles('procurement')
  @ApiProblems(409, 422)
  async update(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: UpdateAccessPathInput,
  ): Promise<AccessPathView> {
    return toAccessPathView(await this.paths.update(id, body));
  }
}
