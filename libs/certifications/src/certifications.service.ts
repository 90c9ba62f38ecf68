import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditTrail } from '@app/audit';
import type { Role } from '@app/identity';
import { createHash } from 'node:crypto';
import { detectEvidenceType, EVIDENCE_MAX_BYTES } from '@app/assessments';
import { Clock, DomainError, NotFoundError, RuleViolationError, sortOrder, type FieldProblem } from '@app/platform';
import { answerEvidence, type AnswerEvidence } from './answer-evidence.js';
import { Certification } from './certification.entity.js';
import type {
  CertificationListQuery,
  CreateCertificationInput,
  UpdateCertificationInput,
} from './certification.input.js';
import { certificationSnapshot } from './certification.view.js';
import { dsptStanding, type DsptStanding } from './dspt.query.js';

/** The fields the list sorts by (`?sort=field` or `-field`), also declared in the OpenAPI document. */
export const CERTIFICATION_SORTS: readonly string[] = ['createdAt', 'expiresOn', 'kind', 'issuedOn'];
/** What the verifier checked: changing any of it means the new certificate has not been checked yet. */
const CHECKED_FIELDS = [
  'kind',
  'reference',
  'status',
  'scope',
  'issuedOn',
  'expiresOn',
  'evidence',
  'evidenceSha256',
] as const;

export interface CertificationActor {
  id: string | null;
  role: Role;
}

/** A supplier's certificates: recorded by procurement, verified by procurement or governance, every change audited. */
@Injectable()
export class CertificationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async get(id: string): Promise<Certification> {
    const found = await this.dataSource.getRepository(Certification).findOneBy({ id });
    if (!found) throw new NotFoundError('CERTIFICATION.NOT_FOUND', 'No such certification.');
    return found;
  }

  async list(
    supplierId: string,
    query: Pick<CertificationListQuery, 'kind' | 'sort' | 'page' | 'pageSize'>,
  ): Promise<{ items: Certification[]; total: number; dspt: DsptStanding }> {
    await assertSupplier(this.dataSource.manager, supplierId);
    const { field, direction } = sortOrder(query.sort, '-expiresOn', CERTIFICATION_SORTS);
    const qb = this.dataSource
      .getRepository(Certification)
      .createQueryBuilder('c')
      .where('c.supplier_id = :s', { s: supplierId });
    if (query.kind) qb.andWhere('c.kind = :k', { k: query.kind });
    const [items, total] = await qb
      .orderBy(`c.${field}`, direction, 'NULLS LAST')
      .addOrderBy('c.id')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    return { items, total, dspt: await dsptStanding(this.dataSource.manager, supplierId, this.clock.today()) };
  }

  /** What the supplier's recorded certifications say about its answers that claim one (the review page). */
  async evidenceForAnswers(
    supplierId: string,
    answers: { code: string; value: unknown; notApplicable?: boolean }[],
  ): Promise<Map<string, AnswerEvidence>> {
    const certifications = await this.dataSource.getRepository(Certification).findBy({ supplierId });
    return answerEvidence(answers, certifications, this.clock.today());
  }

  async create(supplierId: string, input: CreateCertificationInput, actor: CertificationActor): Promise<Certification> {
    return this.dataSource.transaction(async (m) => {
      await assertSupplier(m, supplierId, true);
      const certification = m.create(Certification, {
        supplierId,
        kind: input.kind,
        reference: input.reference ?? null,
        status: input.status ?? null,
        scope: input.scope ?? null,
        issuedOn: input.issuedOn ?? null,
        expiresOn: input.expiresOn ?? null,
        evidence: input.evidence ?? null,
        verifiedBy: null,
        verifiedOn: null,
        createdBy: actor.id,
      });
      this.check(certification);
      const saved = await m.save(Certification, certification);
      await this.audit.record(m, {
        action: 'certification.created',
        entityType: 'certification',
        entityId: saved.id,
        before: null,
        after: certificationSnapshot(saved),
      });
      return saved;
    });
  }

  async update(id: string, input: UpdateCertificationInput, actor: CertificationActor): Promise<Certification> {
    return this.dataSource.transaction(async (m) => {
      const certification = await m.findOne(Certification, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!certification) throw new NotFoundError('CERTIFICATION.NOT_FOUND', 'No such certification.');
      const { verified, ...fields } = input;
      const changing = Object.entries(fields).filter(([, v]) => v !== undefined);
      if (actor.role === 'governance' && changing.length) {
        throw new RuleViolationError(
          'CERTIFICATION.GOVERNANCE_VERIFIES_ONLY',
          'Governance verifies certificates; procurement records them.',
          changing.map(([k]) => ({ path: k, message: 'may only be changed by procurement' })),
        );
      }
      const before = certificationSnapshot(certification);
      for (const [key, value] of changing) Object.assign(certification, { [key]: value });
      const after0 = certificationSnapshot(certification);
      if (CHECKED_FIELDS.some((f) => before[f] !== after0[f]))
        Object.assign(certification, { verifiedBy: null, verifiedOn: null });
      if (verified === true) Object.assign(certification, { verifiedBy: actor.id, verifiedOn: this.clock.today() });
      if (verified === false) Object.assign(certification, { verifiedBy: null, verifiedOn: null });
      this.check(certification);
      const saved = await m.save(Certification, certification);
      const after = certificationSnapshot(saved);
      if (JSON.stringify(before) === JSON.stringify(after)) return saved;
      const action = verified === true ? 'certification.verified' : 'certification.updated';
      await this.audit.record(m, { action, entityType: 'certification', entityId: id, before, after });
      return saved;
    });
  }

  /**
   * Attaches the certificate checked (PDF, image, DOCX, XLSX, CSV or TXT, recognised by content, at
   * most 10 MB), replacing any before it. A new file has not been checked: the verification clears.
   */
  async attachEvidence(id: string, originalName: string, content: Buffer): Promise<Certification> {
    if (content.length === 0)
      throw new RuleViolationError('CERTIFICATION.EVIDENCE_EMPTY', 'The file is empty.', [
        { path: 'file', message: 'is empty' },
      ]);
    if (content.length > EVIDENCE_MAX_BYTES)
      throw new DomainError('REQUEST.TOO_LARGE', 'Evidence files may be at most 10 MB.', 413, [
        { path: 'file', message: 'is larger than 10 MB' },
      ]);
    const type = await detectEvidenceType(content, originalName);
    if (!type)
      throw new DomainError(
        'CERTIFICATION.EVIDENCE_TYPE',
        'This kind of file cannot be attached: use PDF, PNG, JPEG, DOCX, XLSX, CSV or TXT.',
        415,
        [{ path: 'file', message: 'must be a PDF, PNG, JPEG, DOCX, XLSX, CSV or TXT file' }],
      );
    return this.dataSource.transaction(async (m) => {
      const certification = await m.findOne(Certification, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!certification) throw new NotFoundError('CERTIFICATION.NOT_FOUND', 'No such certification.');
      const before = certificationSnapshot(certification);
      const sha256 = createHash('sha256').update(content).digest('hex');
      Object.assign(certification, {
        evidenceFile: content,
        evidenceFileName: `certificate-${certification.kind}-${sha256.slice(0, 12)}.${type.extension}`,
        evidenceMediaType: type.mediaType,
        evidenceSize: content.length,
        evidenceSha256: sha256,
        verifiedBy: null,
        verifiedOn: null,
      });
      const saved = await m.save(Certification, certification);
      await this.audit.record(m, {
        action: 'certification.evidence_attached',
        entityType: 'certification',
        entityId: id,
        before,
        after: {
          ...certificationSnapshot(saved),
          evidenceFileName: saved.evidenceFileName,
          evidenceSize: saved.evidenceSize,
        },
      });
      return saved;
    });
  }

  async evidenceFile(id: string): Promise<{ fileName: string; mediaType: string; content: Buffer }> {
    const row = await this.dataSource
      .getRepository(Certification)
      .createQueryBuilder('c')
      .addSelect('c.evidenceFile')
      .where('c.id = :id', { id })
      .getOne();
    if (!row) throw new NotFoundError('CERTIFICATION.NOT_FOUND', 'No such certification.');
    if (!row.evidenceFile || !row.evidenceFileName || !row.evidenceMediaType)
      throw new NotFoundError('CERTIFICATION.NO_EVIDENCE', 'No certificate file is attached.');
    return { fileName: row.evidenceFileName, mediaType: row.evidenceMediaType, content: row.evidenceFile };
  }

  /** Rules across fields: a DSPT status for the DSPT only (and required there), expiry after issue. */
  private check(c: Certification): void {
    const problems: FieldProblem[] = [];
    if (c.kind === 'dspt' && c.status === null)
      problems.push({ path: 'status', message: 'is required for the DSPT (its published status)' });
    if (c.kind !== 'dspt' && c.status !== null) problems.push({ path: 'status', message: 'is only for the DSPT' });
    if (c.issuedOn && c.expiresOn && c.expiresOn < c.issuedOn)
      problems.push({ path: 'expiresOn', message: 'must not be before issuedOn' });
    if (c.issuedOn && c.issuedOn > this.clock.today())
      problems.push({ path: 'issuedOn', message: 'must not be in the future' });
    if (problems.length)
      throw new RuleViolationError('CERTIFICATION.INVALID', 'The certification breaks a rule.', problems);
  }
}

async function assertSupplier(m: EntityManager, supplierId: string, writable = false): Promise<void> {
  const [supplier] = await m.query<{ status: string }[]>('SELECT status FROM supplier WHERE id = $1', [supplierId]);
  if (!supplier) throw new NotFoundError('SUPPLIER.NOT_FOUND', 'No such supplier.');
  if (writable && supplier.status === 'offboarded')
    throw new RuleViolationError('SUPPLIER.OFFBOARDED', 'The supplier is offboarded.', [
      { path: 'supplierId', message: 'is offboarded' },
    ]);
}
