import { Controller, Get, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ALL_ROLES, Roles, type AuthenticatedRequest } from '@app/identity';
import { DomainError } from '@app/platform';
import { SupplierCsv, type ImportResult } from '@app/suppliers';
import { plainMessage } from './forms.js';
import { ConsoleErrors, formProblems, sendPage, summaryOf, supplierFilters } from './pages.js';

/** The register's CSV: import (each row checked with the API's rules; "check only" stores nothing) and export. */
@ApiExcludeController()
@UseFilters(ConsoleErrors)
@Controller('console')
export class ConsoleSupplierCsvController {
  constructor(private readonly csv: SupplierCsv) {}

  @Get('suppliers/import')
  @Roles('procurement')
  importPage(@Req() request: AuthenticatedRequest, @Res() reply: FastifyReply) {
    sendPage(reply, request, 'import', 'Import suppliers', { result: null, errors: [] });
  }

  /**
   * A CSV file (multipart, at most 10 MB) through the API's importer: each row validated with the
   * API's rules, stored or refused on its own; the page lists every row's result. "Check only" runs
   * it without storing anything.
   */
  @Post('suppliers/import')
  @Roles('procurement')
  async importFile(@Req() request: FastifyRequest & AuthenticatedRequest, @Res() reply: FastifyReply) {
    if (!request.isMultipart())
      throw new DomainError('REQUEST.UNSUPPORTED_MEDIA_TYPE', 'Choose a CSV file to upload.', 415);
    let dryRun = false;
    let result: ImportResult | null = null;
    try {
      for await (const part of request.parts()) {
        if (part.type === 'field' && part.fieldname === 'checkOnly') dryRun = part.value === 'true';
        if (part.type === 'file' && part.fieldname === 'file') result = await this.csv.import(part.file, dryRun);
      }
      if (!result)
        throw new DomainError('CONSOLE.NO_FILE', 'Choose a CSV file to upload.', 422, [
          { path: 'file', message: 'Choose a CSV file to upload' },
        ]);
    } catch (error) {
      const { status, errors } = formProblems(error, 'file');
      return sendPage(
        reply,
        request,
        'import',
        'Import suppliers',
        { result: null, errors: summaryOf(errors, { file: 'CSV file' }) },
        true,
        status,
      );
    }
    sendPage(reply, request, 'import', 'Import suppliers', {
      errors: [],
      result: {
        ...result,
        lines: result.results.map((r) => ({
          line: r.line,
          status: r.status,
          name: r.name ?? '',
          supplierId: r.status !== 'invalid' && !result!.dryRun ? (r.supplierId ?? null) : null,
          problems: (r.errors ?? []).map((e) => plainMessage(e.path, e.message)).join('. '),
        })),
      },
    });
  }

  /** The register as CSV, with the list's filters (the same export as the API's `?format=csv`). */
  @Get('suppliers/export')
  @Roles(...ALL_ROLES)
  async exportCsv(@Query() query: Record<string, string | undefined>, @Res() reply: FastifyReply) {
    const body = await this.csv.export({ ...supplierFilters(query).listQuery, page: 1, pageSize: 100 } as never);
    void reply
      .status(200)
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="suppliers.csv"')
      .header('cache-control', 'no-store')
      .send(body);
  }
}
