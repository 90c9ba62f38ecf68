import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AssessmentsService, EvidenceService } from '@app/assessments';
import { QuestionnaireCatalogue } from '@app/questionnaires';
import { DataSharingService } from '@app/data-sharing';
import { AuditTrail } from '@app/audit';
import { ALL_ROLES, AuthService, CreateUserInput, ROLES, UpdateUserInput, UsersService, consoleCookie, CONSOLE_ABSOLUTE_HOURS, CONSOLE_COOKIE, ConsoleSessions, Public, Roles, type AuthenticatedRequest, type User } from '@app/identity';
import { NotificationsService } from '@app/notifications';
import { addDays, AppConfig, Clock, DomainError, RateLimit, validatedInput, type FieldProblem } from '@app/platform';
import { PdfRenderer, registerCsv, ReportHtml, SupplyChainReports } from '@app/reports';
import { decisionState, DecisionsService, FindingsService, type DecisionInput } from '@app/risk';
import { scoreText } from '@app/scoring';
import { SuppliersService, TierOverrideInput, toSupplierView } from '@app/suppliers';
import { ConsoleErrors, formFields, formProblems, pages, PAGE_SIZE, pounds, sendHtml, sendPage, summaryOf, supplierFilters } from './pages.js';

/**
 * The console: server-rendered pages over the same use-cases the API calls, signed in with a
 * session cookie, every form protected against cross-site request forgery, roles checked by the
 * same guard as the API.
 */
@ApiExcludeController()
@UseFilters(ConsoleErrors)
@Controller()
export class ConsoleController {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: ConsoleSessions,
    private readonly config: AppConfig,
    private readonly reports: SupplyChainReports,
    private readonly suppliers: SuppliersService,
    private readonly ledger: DataSharingService,
    private readonly assessments: AssessmentsService,
    private readonly findings: FindingsService,
    private readonly decisions: DecisionsService,
    private readonly notifications: NotificationsService,
    private readonly pdf: PdfRenderer,
    private readonly catalogue: QuestionnaireCatalogue,
    private readonly evidence: EvidenceService,
    private readonly usersService: UsersService,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  private readonly reportHtml = new ReportHtml();

  @Get()
  @Public()
  root(@Res() reply: FastifyReply) {
    void reply.status(302).header('location', '/console').send();
  }

  @Get('console/login')
  @Public()
  loginPage(@Res() reply: FastifyReply) {
    this.html(reply, 200, pages.render('login', 'Sign in', { email: '', error: null }, null, null));
  }

  /** A new session (a new id) at every sign-in; the same answer for every wrong credential. */
  @Post('console/login')
  @Public()
  @RateLimit({ name: 'console-login', limit: 10, windowSeconds: 60 })
  async login(@Body() body: Record<string, unknown>, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const email = typeof body?.email === 'string' ? body.email : '';
    const password = typeof body?.password === 'string' ? body.password : '';
    let user: User;
    try {
      user = await this.auth.verify(email, password);
    } catch {
      this.html(reply, 401, pages.render('login', 'Sign in', { email, error: 'Email or password is wrong.' }, null, null, true));
      return;
    }
    const previous = consoleCookie(request.headers.cookie);
    if (previous) await this.sessions.end(previous);
    const { sid } = await this.sessions.start(user.id);
    const secure = this.config.baseUrl.startsWith('https:') ? '; Secure' : '';
    void reply.status(303).header('set-cookie', `${CONSOLE_COOKIE}=${sid}; Path=/console; HttpOnly; SameSite=Lax; Max-Age=${CONSOLE_ABSOLUTE_HOURS * 3600}${secure}`).header('location', '/console').send();
  }

  @Post('console/logout')
  @Roles(...ALL_ROLES)
  async logout(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const sid = consoleCookie(request.headers.cookie);
    if (sid) await this.sessions.end(sid);
    void reply.status(303).header('set-cookie', `${CONSOLE_COOKIE}=; Path=/console; HttpOnly; SameSite=Lax; Max-Age=0`).header('location', '/console/login').send();
  }

  /** The dashboard: the heat map, totals, overdue questionnaires, top 10 and what is expiring. */
  @Get('console')
  @Roles(...ALL_ROLES)
  async dashboard(@Req() request: AuthenticatedRequest, @Res() reply: FastifyReply) {
    const r = await this.reports.build();
    const cells = (likelihood: number) => r.heatMap.cells.filter((c) => c.likelihood === likelihood).map((c) => ({ count: c.suppliers, rating: c.rating }));
    this.page(reply, request, 'dashboard', 'Dashboard', {
      valueAtRisk: pounds(r.headline.valueAtRisk),
      netValueAtRisk: pounds(r.headline.netValueAtRisk),
      suppliers: r.headline.suppliersInScope,
      records: Object.entries(r.headline.recordsShared).filter(([, n]) => n > 0).map(([classification, n]) => ({ classification: classification.replace('_', ' '), records: n.toLocaleString('en-GB') })),
      heat: [5, 4, 3, 2, 1].map((likelihood) => ({ likelihood, cells: cells(likelihood) })),
      top: r.topRisks.map((t) => ({ id: t.supplierId, name: t.name, rating: t.rating, netValueAtRisk: pounds(t.netValueAtRisk) })),
      overdue: r.assessments.overdue.map((a) => ({ supplierId: a.supplierId, supplier: a.supplier, daysOverdue: a.daysOverdue, level: a.escalationLevel })),
      expiring: r.decisions.expiringWithin90Days.map((e) => ({ supplierId: e.supplierId, supplier: e.supplier, kind: e.kind, date: e.date })),
    });
  }

  /** The register: search, filters and sort in the query string (links keep them), paged. */
  @Get('console/suppliers')
  @Roles(...ALL_ROLES)
  async supplierList(@Query() query: Record<string, string | undefined>, @Req() request: AuthenticatedRequest, @Res() reply: FastifyReply) {
    const page = Math.max(1, Number.parseInt(query.page ?? '1', 10) || 1);
    const { filters, params, listQuery } = supplierFilters(query);
    const { items, total } = await this.suppliers.list({ ...listQuery, page, pageSize: PAGE_SIZE } as never);
    const last = Math.max(1, Math.ceil(total / PAGE_SIZE));
    const link = (p: number) => `/console/suppliers?${new URLSearchParams({ ...params, page: String(p) })}`;
    const options = (values: readonly string[], chosen: string | undefined, label = (v: string) => v.replace('_', ' ')) => values.map((value) => ({ value, label: label(value), selected: value === chosen }));
    this.page(reply, request, 'suppliers', 'Suppliers', {
      q: filters.q ?? '', total, page, last,
      kinds: options(['supplier', 'university', 'research_partner', 'nhs_body', 'charity', 'other'], filters.kind),
      statuses: options(['onboarding', 'active', 'offboarded'], filters.status),
      tiers: options(['1', '2', '3', '4'], filters.tier, (v) => `Tier ${v}`),
      bands: options(['A', 'B', 'C', 'D', 'E'], filters.band, (v) => `Band ${v}`),
      ratings: options(['low', 'medium', 'high', 'critical'], filters.rating),
      sorts: [['-netValueAtRisk', 'Net value at risk'], ['-rating', 'Rating'], ['name', 'Name'], ['tier', 'Tier']].map(([value, label]) => ({ value, label, selected: value === filters.sort })),
      items: items.map((s) => ({ id: s.id, name: s.name, kind: s.kind.replace('_', ' '), tier: s.tier, band: s.band ?? '–', rating: s.rating, status: s.status, netValueAtRisk: pounds(s.netValueAtRisk) })),
      previous: page > 1 ? link(page - 1) : null,
      next: page < last ? link(page + 1) : null,
      exportLink: `/console/suppliers/export?${new URLSearchParams(params)}`,
      canEdit: ['procurement', 'admin'].includes(request.user!.role),
    });
  }

  @Get('console/suppliers/:id')
  @Roles(...ALL_ROLES)
  async supplier(@Param('id', new ParseUUIDPipe()) id: string, @Req() request: AuthenticatedRequest, @Res() reply: FastifyReply) {
    this.page(reply, request, 'supplier', 'Supplier', await this.supplierContext(id, request.user!), false);
  }

  /** A governance user records a decision; a rejected one shows what to fix, with what was typed. */
  @Post('console/suppliers/:id/decisions')
  @Roles('governance')
  async decide(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: Record<string, string>, @Req() request: AuthenticatedRequest, @Res() reply: FastifyReply) {
    const input: DecisionInput = {
      decision: body.decision as DecisionInput['decision'], rationale: body.rationale ?? '', reviewDate: body.reviewDate ?? '',
      ...(body.decision === 'transfer' ? { insurer: body.insurer || undefined, policyRef: body.policyRef || undefined, limit: body.limit ? Number(body.limit) : undefined, excess: body.excess ? Number(body.excess) : undefined, expiresOn: body.expiresOn || undefined } : {}),
      ...(body.decision === 'avoid' ? { endLinksBy: body.endLinksBy || undefined } : {}),
      ...(body.decision === 'mitigate' ? { findingIds: ([] as string[]).concat((body as Record<string, string | string[]>).findingIds ?? []) } : {}),
    };
    const problems: FieldProblem[] = [];
    if (!['accept', 'mitigate', 'transfer', 'avoid'].includes(input.decision)) problems.push({ path: 'decision', message: 'Choose accept, mitigate, transfer or avoid' });
    if (input.rationale.trim().length < 10) problems.push({ path: 'rationale', message: 'Say why, in at least 10 characters' });
    if (!/^\d{4}-\d{2}-\d{2}$/.test(input.reviewDate)) problems.push({ path: 'reviewDate', message: 'Enter the review date as YYYY-MM-DD' });
    try {
      if (problems.length) throw new DomainError('CONSOLE.INVALID', 'Check the decision.', 422, problems);
      await this.decisions.record(id, input, request.user!.id);
    } catch (error) {
      if (!(error instanceof DomainError) || error.status !== 422) throw error;
      const context = await this.supplierContext(id, request.user!);
      this.page(reply, request, 'supplier', 'Supplier', { ...context, errors: error.errors.map((e) => ({ path: e.path, message: e.message, anchor: `decision-${e.path.replace(/\[.*$/, '')}` })), form: { ...context.form, ...body } }, true, 422);
      return;
    }
    void reply.status(303).header('location', `/console/suppliers/${id}#decisions`).send();
  }

  /** Governance overrides the tier with a reason (risk-model section 6), or clears the override. */
  @Post('console/suppliers/:id/tier')
  @Roles('governance')
  async overrideTier(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: Record<string, string>, @Req() request: AuthenticatedRequest, @Res() reply: FastifyReply) {
    try {
      const input = await validatedInput(TierOverrideInput, { tier: ['1', '2', '3', '4'].includes(body.tier ?? '') ? Number(body.tier) : body.tier === 'none' ? null : (body.tier ?? ''), reason: body.reason ?? '' });
      await this.suppliers.overrideTier(id, input.tier, input.reason);
    } catch (error) {
      const { status, errors } = formProblems(error, 'tier');
      const context = await this.supplierContext(id, request.user!);
      this.page(reply, request, 'supplier', 'Supplier', { ...context, errors: errors.map((e) => ({ ...e, anchor: `tier-${e.path}` })), tierForm: { reason: body.reason ?? '' }, tierOptions: tierOptionsOf(body.tier ?? 'none') }, true, status);
      return;
    }
    void reply.status(303).header('location', `/console/suppliers/${id}#tier`).send();
  }

  /** Procurement ends the relationship: every link ends today; the record stays as history. */
  @Post('console/suppliers/:id/offboard')
  @Roles('procurement')
  async offboard(@Param('id', new ParseUUIDPipe()) id: string, @Req() request: AuthenticatedRequest, @Res() reply: FastifyReply) {
    try {
      await this.suppliers.offboard(id);
    } catch (error) {
      const { status, errors } = formProblems(error, 'status');
      this.page(reply, request, 'supplier', 'Supplier', { ...(await this.supplierContext(id, request.user!)), errors: errors.map((e) => ({ ...e, anchor: 'offboard' })) }, true, status);
      return;
    }
    void reply.status(303).header('location', `/console/suppliers/${id}`).send();
  }

  /** The findings board: open work by severity, with filters; each finding has its remediation form. */
  @Get('console/findings')
  @Roles('procurement', 'governance')
  async findingsBoard(@Query() query: Record<string, string | undefined>, @Req() request: AuthenticatedRequest, @Res() reply: FastifyReply) {
    const status = ['open', 'remediation_planned', 'resolved', 'accepted'].includes(query.status ?? '') ? (query.status as 'open') : undefined;
    const overdue = query.overdue === 'true';
    const { items, total } = await this.findings.list({ status, overdue, page: 1, pageSize: 200 });
    const names = await this.suppliers.namesOf(items.map((f) => f.supplierId));
    this.page(reply, request, 'findings', 'Findings', {
      total, overdue,
      statuses: ['open', 'remediation_planned', 'resolved', 'accepted'].map((value) => ({ value, label: value.replace('_', ' '), selected: value === status })),
      groups: ['critical', 'high', 'medium', 'low'].map((severity) => ({
        severity,
        items: items.filter((f) => f.severity === severity).map((f) => ({ id: f.id, code: f.questionCode, text: f.questionText, supplierId: f.supplierId, supplier: names.get(f.supplierId) ?? '', status: f.status.replace('_', ' '), dueDate: f.dueDate ?? '–' })),
      })),
    });
  }

  @Get('console/findings/:id')
  @Roles('procurement', 'governance')
  async finding(@Param('id', new ParseUUIDPipe()) id: string, @Req() request: AuthenticatedRequest, @Res() reply: FastifyReply) {
    this.page(reply, request, 'finding', 'Finding', await this.findingContext(id, request.user!));
  }

  /** Remediation updates; accepting the risk is for governance (the same rule as the API). */
  @Post('console/findings/:id')
  @Roles('procurement', 'governance')
  async updateFinding(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: Record<string, string>, @Req() request: AuthenticatedRequest, @Res() reply: FastifyReply) {
    const text = (v: string | undefined) => (v && v.trim() ? v.trim() : undefined);
    const status = ['open', 'remediation_planned', 'resolved', 'accepted'].includes(body.status ?? '') ? (body.status as 'open') : undefined;
    try {
      await this.findings.update(id, { status, plannedAction: text(body.plannedAction), dueDate: text(body.dueDate), resolutionEvidence: text(body.resolutionEvidence), acceptanceReason: text(body.acceptanceReason), acceptedUntil: text(body.acceptedUntil) }, ['governance', 'admin'].includes(request.user!.role));
    } catch (error) {
      if (!(error instanceof DomainError) || error.status !== 422) throw error;
      this.page(reply, request, 'finding', 'Finding', { ...(await this.findingContext(id, request.user!)), errors: error.errors.map((e) => ({ path: e.path, message: e.message })) }, true, 422);
      return;
    }
    void reply.status(303).header('location', `/console/findings/${id}`).send();
  }

  /** The review of one assessment: answers by section with evidence, the score, and procurement's actions. */
  @Get('console/assessments/:id')
  @Roles(...ALL_ROLES)
  async assessment(@Param('id', new ParseUUIDPipe()) id: string, @Req() request: AuthenticatedRequest, @Res() reply: FastifyReply) {
    this.page(reply, request, 'assessment', 'Assessment review', await this.assessmentContext(id, request.user!));
  }

  @Get('console/assessments/:id/evidence/:evidenceId')
  @Roles(...ALL_ROLES)
  async evidenceFile(@Param('id', new ParseUUIDPipe()) id: string, @Param('evidenceId', new ParseUUIDPipe()) evidenceId: string, @Res() reply: FastifyReply) {
    const file = await this.evidence.download(id, evidenceId);
    void reply.header('content-type', file.mediaType).header('content-disposition', `attachment; filename="${file.fileName}"`).header('x-content-type-options', 'nosniff').header('cache-control', 'no-store').send(file.content);
  }

  /** Adjust a counted score, return for clarification, or complete: the same use-cases as the API. */
  @Post('console/assessments/:id/:action')
  @Roles('procurement')
  async reviewAction(@Param('id', new ParseUUIDPipe()) id: string, @Param('action') action: string, @Body() body: Record<string, string | string[]>, @Req() request: AuthenticatedRequest, @Res() reply: FastifyReply) {
    const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
    try {
      if (action === 'adjust') {
        const score = text(body.score) === '' ? Number.NaN : Number(text(body.score));
        const problems: FieldProblem[] = [];
        if (!(score >= 0 && score <= 1)) problems.push({ path: 'score', message: 'Enter the score it counts for, from 0 to 1' });
        if (text(body.reason).length < 10) problems.push({ path: 'reason', message: 'Say why, in at least 10 characters' });
        if (problems.length) throw new DomainError('CONSOLE.INVALID', 'Check the adjustment.', 422, problems);
        await this.assessments.adjust(id, text(body.questionCode), score, text(body.reason), request.user!);
      } else if (action === 'return') {
        const codes = text(body.questionCodes).split(/[\s,]+/).filter(Boolean);
        const problems: FieldProblem[] = [];
        if (codes.length === 0) problems.push({ path: 'questionCodes', message: 'Choose the questions to clarify' });
        if (text(body.message).length < 3) problems.push({ path: 'message', message: 'Write your question to the supplier' });
        if (problems.length) throw new DomainError('CONSOLE.INVALID', 'Check the request.', 422, problems);
        await this.assessments.returnForClarification(id, codes, text(body.message));
      } else if (action === 'complete') {
        await this.assessments.complete(id);
      } else {
        throw new DomainError('CONSOLE.NOT_FOUND', 'There is nothing here.', 404);
      }
    } catch (error) {
      if (!(error instanceof DomainError) || (error.status !== 422 && error.status !== 409)) throw error;
      const problems = error.errors.length ? error.errors : [{ path: 'status', message: error.message }];
      this.page(reply, request, 'assessment', 'Assessment review', { ...(await this.assessmentContext(id, request.user!)), errors: problems.map((e) => ({ path: e.path, message: e.message })) }, true, error.status);
      return;
    }
    void reply.status(303).header('location', `/console/assessments/${id}`).send();
  }

  private async assessmentContext(id: string, user: User) {
    const { assessment, answers } = await this.assessments.get(id);
    const version = await this.catalogue.get(assessment.questionnaireKey, assessment.questionnaireVersion);
    const evidence = await this.evidence.list(id);
    const byCode = new Map(answers.map((a) => [a.questionCode, a]));
    const supplier = await this.suppliers.get(assessment.supplierId);
    const counted = new Map((assessment.score?.sections ?? []).flatMap((s) => s.counted.map((c) => [c.code, c] as const)));
    return {
      assessment: { id, status: assessment.status.replace('_', ' '), dueDate: assessment.dueDate, questionnaire: version.title, overall: assessment.score ? scoreText(assessment.score) : 'not scored yet', band: assessment.score?.band ?? '–', stage: assessment.score?.stage ?? 'not scored', criticalFailures: assessment.score?.criticalFailures.join(', ') || 'none' },
      supplier: { id: supplier.id, name: supplier.name },
      canReview: ['procurement', 'admin'].includes(user.role) && assessment.status === 'submitted',
      sections: version.definition.sections.map((section) => ({
        title: section.title,
        questions: section.questions.map((q) => {
          const answer = byCode.get(q.code);
          const c = counted.get(q.code);
          return {
            code: q.code, text: q.text,
            answer: answer ? (answer.notApplicable ? 'not applicable' : Array.isArray(answer.value) ? answer.value.join(', ') : String(answer.value ?? '–')) : '–',
            comment: answer?.comment ?? '',
            counted: c ? `${c.s}${c.adjusted ? ` (adjusted from ${c.adjusted.from}: ${c.adjusted.reason})` : ''}` : 'not counted',
            evidence: evidence.filter((e) => e.questionCode === q.code).map((e) => ({ id: e.id, name: e.fileName })),
          };
        }),
      })),
      errors: [] as { path: string; message: string }[],
    };
  }

  /** The data-sharing ledger's three views: reviews due, links without an agreement, special-category holders without a current assessment. */
  @Get('console/ledger')
  @Roles(...ALL_ROLES)
  async ledgerViews(@Req() request: AuthenticatedRequest, @Res() reply: FastifyReply) {
    const due = await this.ledger.listLinks({ dueWithinDays: 30, page: 1, pageSize: 100 } as never);
    const noAgreement = await this.ledger.listLinks({ withoutAgreement: true, page: 1, pageSize: 100 } as never);
    const holders = await this.ledger.unassessedHolders();
    const names = await this.suppliers.namesOf([...due.items, ...noAgreement.items].map((l) => l.supplierId));
    const row = (l: { supplierId: string; purpose: string; recordCount: number; reviewDate: string | null; endDate: string | null; status: string }) => ({ supplierId: l.supplierId, supplier: names.get(l.supplierId) ?? '', purpose: l.purpose, records: l.recordCount.toLocaleString('en-GB'), reviewDate: l.reviewDate ?? '–', endDate: l.endDate ?? '–', status: l.status });
    this.page(reply, request, 'ledger', 'Data-sharing ledger', {
      due: due.items.map(row),
      noAgreement: noAgreement.items.map(row),
      holders: holders.filter((h) => h.classifications.includes('special_category')).map((h) => ({ supplierId: h.supplierId, supplier: h.supplierName, tier: h.tier, records: h.records.toLocaleString('en-GB') })),
    });
  }

  /** Sends a questionnaire from the supplier page (the default for its tier unless one is chosen). */
  @Post('console/suppliers/:id/assessments')
  @Roles('procurement')
  async sendQuestionnaire(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: Record<string, string>, @Req() request: AuthenticatedRequest, @Res() reply: FastifyReply) {
    let assessmentId: string;
    try {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(body.dueDate ?? '')) throw new DomainError('CONSOLE.INVALID', 'Check the due date.', 422, [{ path: 'dueDate', message: 'Enter the due date as YYYY-MM-DD' }]);
      const key = body.questionnaireKey && body.questionnaireKey !== 'default' ? body.questionnaireKey : undefined;
      ({ assessment: { id: assessmentId } } = await this.assessments.send({ supplierId: id, dueDate: body.dueDate, questionnaireKey: key }, request.user!.id));
    } catch (error) {
      if (!(error instanceof DomainError) || (error.status !== 422 && error.status !== 409)) throw error;
      const context = await this.supplierContext(id, request.user!);
      this.page(reply, request, 'supplier', 'Supplier', { ...context, errors: (error.errors.length ? error.errors : [{ path: 'questionnaireKey', message: error.message }]).map((e) => ({ path: e.path, message: e.message, anchor: `send-${e.path}` })) }, true, error.status);
      return;
    }
    void reply.status(303).header('location', `/console/assessments/${assessmentId}`).send();
  }

  /** Admin: internal users and their roles; adding one, changing a role, enabling or disabling (a disabled user is signed out at once). */
  @Get('console/admin/users')
  @Roles('admin')
  async users(@Req() request: AuthenticatedRequest, @Res() reply: FastifyReply) {
    await this.usersPage(reply, request, { role: 'viewer' }, []);
  }

  @Post('console/admin/users')
  @Roles('admin')
  async createUser(@Body() body: Record<string, string>, @Req() request: AuthenticatedRequest, @Res() reply: FastifyReply) {
    try {
      const input = await validatedInput(CreateUserInput, { email: body.email ?? '', name: body.name ?? '', role: body.role ?? '', password: body.password ?? '' });
      await this.usersService.create(input, { type: 'user', id: request.user!.id });
    } catch (error) {
      const { status, errors } = formProblems(error, 'email');
      return this.usersPage(reply, request, { ...body, password: '' }, errors, status);
    }
    void reply.status(303).header('location', '/console/admin/users').send();
  }

  /** A role change or enabling/disabling, with the API's rules; an admin cannot lock themselves out. */
  @Post('console/admin/users/:id')
  @Roles('admin')
  async changeUser(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: Record<string, string>, @Req() request: AuthenticatedRequest, @Res() reply: FastifyReply) {
    if (id === request.user!.id) throw new DomainError('CONSOLE.SELF', 'You cannot disable your own account or change your own role.', 409);
    try {
      const changes = await validatedInput(UpdateUserInput, { ...(body.role !== undefined ? { role: body.role } : {}), ...(body.active !== undefined ? { active: body.active === 'true' } : {}) });
      await this.usersService.update(id, changes, { type: 'user', id: request.user!.id });
    } catch (error) {
      const { status, errors } = formProblems(error, 'role');
      return this.usersPage(reply, request, { role: 'viewer' }, errors, status);
    }
    void reply.status(303).header('location', '/console/admin/users').send();
  }

  private async usersPage(reply: FastifyReply, request: AuthenticatedRequest, values: Record<string, string>, errors: { path: string; message: string }[], status = 200) {
    const { items, total } = await this.usersService.list(1, 200);
    this.page(reply, request, 'users', 'Users', {
      total,
      users: items.map((u) => ({ id: u.id, name: u.name, email: u.email, role: u.role, active: u.active, self: u.id === request.user!.id, roles: ROLES.map((r) => ({ value: r, selected: r === u.role })) })),
      errors: summaryOf(errors),
      fields: formFields([
        { name: 'name', label: 'Name', value: values.name ?? '', autocomplete: 'off' },
        { name: 'email', label: 'Email', value: values.email ?? '', type: 'email', autocomplete: 'off' },
        { name: 'role', label: 'Role', value: values.role ?? '', options: ROLES },
        { name: 'password', label: 'First password (at least 12 characters; tell them to change it)', value: '', type: 'password', autocomplete: 'new-password' },
      ], errors),
    }, errors.length > 0, status);
  }

  /** The audit trail, newest first, and whether its hash chain is intact. */
  @Get('console/audit')
  @Roles('governance')
  async auditTrail(@Query() query: Record<string, string | undefined>, @Req() request: AuthenticatedRequest, @Res() reply: FastifyReply) {
    const page = Math.max(1, Number.parseInt(query.page ?? '1', 10) || 1);
    const { items, total } = await this.audit.list({ entityType: query.entityType || undefined, page, pageSize: 50 });
    const chain = await this.audit.verify();
    this.page(reply, request, 'audit', 'Audit trail', {
      total, page,
      intact: chain.firstBroken === null, checked: chain.checked,
      events: items.map((e) => ({ at: e.occurredAt.toISOString().slice(0, 19).replace('T', ' '), action: e.action, entity: `${e.entityType} ${e.entityId}`, actor: `${e.actorType}${e.actorId ? ` ${e.actorId}` : ''}`, changes: Object.keys(e.changes ?? {}).join(', ') })),
      next: page * 50 < total ? `/console/audit?page=${page + 1}` : null,
    });
  }

  /** The committee pack in the console session: the page itself, or its PDF and CSV downloads. */
  @Get('console/report')
  @Roles('governance')
  async report(@Query() query: Record<string, string | undefined>, @Res() reply: FastifyReply) {
    const format = query.format === 'pdf' || query.format === 'csv' ? query.format : 'html';
    void reply.header('cache-control', 'no-store');
    if (format === 'csv') {
      void reply.status(200).header('content-type', 'text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="supply-chain-risk.csv"').send(registerCsv(await this.reports.register()));
      return;
    }
    const page = this.reportHtml.render(await this.reports.build(), this.config.orgName);
    if (format === 'pdf') {
      void reply.status(200).header('content-type', 'application/pdf').header('content-disposition', 'attachment; filename="supply-chain-risk.pdf"').send(await this.pdf.render(page));
      return;
    }
    void reply.status(200).header('content-type', 'text/html; charset=utf-8').header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; form-action 'none'").send(page);
  }

  /** The notification log: every email owed and what became of it; a dead one can be retried. */
  @Get('console/notifications')
  @Roles('procurement', 'governance')
  async notificationLog(@Query() query: Record<string, string | undefined>, @Req() request: AuthenticatedRequest, @Res() reply: FastifyReply) {
    const status = ['pending', 'queued', 'sent', 'failed', 'dead', 'skipped'].includes(query.status ?? '') ? (query.status as 'dead') : undefined;
    const { items, total } = await this.notifications.list({ status, page: 1, pageSize: 100 });
    this.page(reply, request, 'notifications', 'Notifications', {
      total,
      statuses: ['pending', 'queued', 'sent', 'failed', 'dead', 'skipped'].map((value) => ({ value, selected: value === status })),
      canRetry: ['procurement', 'admin'].includes(request.user!.role),
      isAdmin: request.user!.role === 'admin',
      items: items.map((n) => ({ id: n.id, kind: n.kind, recipient: n.recipients.join(', '), status: n.status, attempts: n.attempts, createdAt: n.createdAt.toISOString().slice(0, 16).replace('T', ' '), note: n.lastError ?? n.skipReason ?? '', dead: n.status === 'dead' })),
    });
  }

  @Post('console/notifications/:id/retry')
  @Roles('procurement')
  async retryNotification(@Param('id', new ParseUUIDPipe()) id: string, @Res() reply: FastifyReply) {
    await this.notifications.retry(id);
    void reply.status(303).header('location', '/console/notifications').send();
  }

  private async findingContext(id: string, user: User) {
    const f = await this.findings.get(id);
    const supplier = await this.suppliers.get(f.supplierId);
    return {
      finding: { id: f.id, code: f.questionCode, text: f.questionText, section: f.sectionTitle, severity: f.severity, status: f.status.replace('_', ' '), answer: JSON.stringify(f.answer), comment: f.comment ?? '–', recommendation: f.recommendation ?? '–', dueDate: f.dueDate ?? '', plannedAction: f.plannedAction ?? '', resolutionEvidence: f.resolutionEvidence ?? '', acceptanceReason: f.acceptanceReason ?? '', acceptedUntil: f.acceptedUntil ?? '', mappings: f.mappings.map((m) => `${m.framework} ${m.ref}`).join(', ') },
      supplier: { id: supplier.id, name: supplier.name },
      canAccept: ['governance', 'admin'].includes(user.role),
      errors: [] as { path: string; message: string }[],
    };
  }

  private async supplierContext(id: string, user: User) {
    const found = await this.suppliers.get(id);
    const supplier = toSupplierView(found);
    const canSeeFindings = ['procurement', 'governance', 'admin'].includes(user.role);
    const canDecide = ['governance', 'admin'].includes(user.role);
    const links = await this.ledger.listLinks({ supplierId: id, page: 1, pageSize: 100 } as never);
    const assetNames = await this.ledger.assetNamesOf(links.items.map((l) => l.dataAssetId));
    const assessments = await this.assessments.list({ supplierId: id, page: 1, pageSize: 50 });
    const findings = canSeeFindings ? await this.findings.list({ supplierId: id, page: 1, pageSize: 100 }) : { items: [] };
    const today = this.clock.today();
    const decisions = canDecide ? await this.decisions.list(id) : [];
    // Its history: the last changes to the supplier itself, from the audit trail, with who made them.
    const history = await this.audit.list({ entityType: 'supplier', entityId: id, page: 1, pageSize: 20 });
    const actors = await this.usersService.namesOf(history.items.filter((e) => e.actorType === 'user' && e.actorId).map((e) => e.actorId!));
    return {
      supplier: { ...supplier, kind: supplier.kind.replace('_', ' '), band: supplier.band ?? 'not assessed', netValueAtRisk: pounds(supplier.netValueAtRisk), valueAtRisk: pounds(supplier.valueAtRisk) },
      summary: found.risk?.summary ?? '',
      contacts: supplier.contacts,
      links: links.items.map((l) => ({ id: l.id, asset: assetNames.get(l.dataAssetId) ?? '', purpose: l.purpose, records: l.recordCount.toLocaleString('en-GB'), status: l.status, agreement: l.agreementRef ?? 'none', reviewDate: l.reviewDate ?? '–' })),
      canEdit: ['procurement', 'admin'].includes(user.role) && supplier.status !== 'offboarded',
      assessments: assessments.items.map((a) => ({ id: a.id, questionnaire: a.questionnaireKey, status: a.status.replace('_', ' '), dueDate: a.dueDate, band: a.score?.band ?? '–' })),
      canSeeFindings,
      findings: findings.items.map((f) => ({ code: f.questionCode, severity: f.severity, status: f.status.replace('_', ' '), dueDate: f.dueDate ?? '–', text: f.questionText })),
      openFindings: findings.items.filter((f) => f.status === 'open' || f.status === 'remediation_planned').map((f) => ({ id: f.id, label: `${f.questionCode} (${f.severity}): ${f.questionText}` })),
      history: history.items.map((e) => ({ at: e.occurredAt.toISOString().slice(0, 16).replace('T', ' '), action: e.action.replace(/[._]/g, ' '), actor: e.actorType === 'user' ? (actors.get(e.actorId ?? '') ?? 'a user') : e.actorType, fields: Object.keys(e.changes ?? {}).join(', ') })),
      canDecide,
      canSend: ['procurement', 'admin'].includes(user.role) && supplier.status !== 'offboarded',
      dueDefault: addDays(this.clock.today(), 30),
      decisions: decisions.map((d) => ({ decision: d.decision, rationale: d.rationale, reviewDate: d.reviewDate, state: decisionState(d, today) })),
      errors: [] as { path: string; message: string; anchor: string }[],
      canOverrideTier: canDecide,
      tierForm: { reason: found.tierOverrideReason ?? '' },
      tierOptions: tierOptionsOf(found.tierOverride ? String(found.tierOverride) : 'none'),
      tierOverride: found.tierOverride ? { tier: found.tierOverride, reason: found.tierOverrideReason ?? '' } : null,
      form: { decision: 'accept', rationale: '', reviewDate: '', insurer: '', policyRef: '', limit: '', excess: '', expiresOn: '', endLinksBy: '' } as Record<string, string>,
    };
  }

  private page(reply: FastifyReply, request: AuthenticatedRequest, name: string, title: string, context: object, hasErrors = false, status = 200): void {
    sendPage(reply, request, name, title, context, hasErrors, status);
  }

  private html(reply: FastifyReply, status: number, body: string): void {
    sendHtml(reply, status, body);
  }
}

function tierOptionsOf(selected: string) {
  return [{ value: 'none', label: 'No override: from criticality and data' }, ...['1', '2', '3', '4'].map((t) => ({ value: t, label: `Tier ${t}` }))].map((o) => ({ ...o, selected: o.value === selected }));
}
