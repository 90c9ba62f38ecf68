import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { fileTypeFromBuffer } from 'file-type';
import type { DataSource } from 'typeorm';
import { AuditTrail } from '@app/audit';
import { ConflictError, DomainError, NotFoundError, RuleViolationError } from '@app/platform';
import { questionnaireVersionById } from '@app/questionnaires';
import { questionsOf } from './answer-rules.js';
import { Assessment, AssessmentEvidence } from './entities.js';
import { ANSWERABLE_STATUSES } from './portal-read.js';
import type { PortalContext } from './portal.service.js';

export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;

/** What may be attached, recognised by content (magic bytes), never by the file's name. */
const ALLOWED: Record<string, string> = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
};

export class UnsupportedFileError extends DomainError {
  constructor(detail: string) {
    super('EVIDENCE.UNSUPPORTED_TYPE', detail, 415, [{ path: 'file', message: 'must be a PDF, PNG, JPEG, DOCX, XLSX, CSV or TXT file' }]);
  }
}

/** The media type a file's content shows, or null when it is none we accept. */
export async function detectEvidenceType(content: Buffer, originalName: string): Promise<{ mediaType: string; extension: string } | null> {
  const detected = await fileTypeFromBuffer(content);
  if (detected) return ALLOWED[detected.mime] ? { mediaType: detected.mime, extension: ALLOWED[detected.mime] } : null;
  // No signature: accept plain UTF-8 text (CSV or TXT), nothing binary.
  if (content.includes(0)) return null;
  const text = content.toString('utf8');
  if (text.includes('\uFFFD')) return null;
  return /\.csv$/i.test(originalName) ? { mediaType: 'text/csv', extension: 'csv' } : { mediaType: 'text/plain', extension: 'txt' };
}

/** Evidence attached by suppliers and downloaded by internal users. */
@Injectable()
export class EvidenceService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
  ) {}

  async attach(context: PortalContext, questionCode: string, originalName: string, content: Buffer): Promise<AssessmentEvidence> {
    if (content.length === 0) throw new RuleViolationError('EVIDENCE.EMPTY', 'The file is empty.', [{ path: 'file', message: 'is empty' }]);
    if (content.length > EVIDENCE_MAX_BYTES) throw new DomainError('REQUEST.TOO_LARGE', 'Evidence files may be at most 10 MB.', 413, [{ path: 'file', message: 'is larger than 10 MB' }]);
    const type = await detectEvidenceType(content, originalName);
    if (!type) throw new UnsupportedFileError('This kind of file cannot be attached: use PDF, PNG, JPEG, DOCX, XLSX, CSV or TXT.');
    return this.dataSource.transaction(async (m) => {
      const assessment = await m.findOneOrFail(Assessment, { where: { id: context.assessment.id }, lock: { mode: 'pessimistic_write' } });
      if (!['sent', 'in_progress', 'returned'].includes(assessment.status)) throw new ConflictError('ASSESSMENT.READ_ONLY', `This questionnaire is ${assessment.status} and can no longer be changed.`);
      const version = await questionnaireVersionById(m, assessment.questionnaireVersionId);
      const question = questionsOf(version.definition).find((q) => q.code === questionCode);
      if (!question) throw new RuleViolationError('EVIDENCE.UNKNOWN_QUESTION', 'No such question.', [{ path: 'question', message: 'is not a question of this questionnaire' }]);
      if (question.evidence === 'none') throw new RuleViolationError('EVIDENCE.NOT_ASKED', 'This question takes no evidence.', [{ path: 'question', message: 'takes no evidence' }]);
      const sha256 = createHash('sha256').update(content).digest('hex');
      const evidence = m.create(AssessmentEvidence, {
        assessmentId: assessment.id,
        questionCode,
        fileName: `evidence-${questionCode}-${sha256.slice(0, 12)}.${type.extension}`,
        originalName: originalName.replace(/[^\p{L}\p{N} ._()-]/gu, '_').slice(0, 200) || 'file',
        mediaType: type.mediaType,
        size: content.length,
        sha256,
        content,
      });
      const inserted = await m.insert(AssessmentEvidence, evidence);
      Object.assign(evidence, inserted.generatedMaps[0]);
      await this.audit.record(m, {
        action: 'evidence.attached',
        entityType: 'assessment',
        entityId: assessment.id,
        before: null,
        after: { question: questionCode, fileName: evidence.fileName, mediaType: type.mediaType, size: content.length, sha256 },
        actor: { type: 'supplier', id: assessment.id },
      });
      return evidence;
    });
  }

  /** Removes a file the supplier attached, while the questionnaire is still open; audited. */
  async remove(context: PortalContext, evidenceId: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const assessment = await m.findOneOrFail(Assessment, { where: { id: context.assessment.id }, lock: { mode: 'pessimistic_write' } });
      if (!ANSWERABLE_STATUSES.includes(assessment.status)) throw new ConflictError('ASSESSMENT.READ_ONLY', `This questionnaire is ${assessment.status} and can no longer be changed.`);
      const [[gone]] = await m.query<[{ question_code: string; file_name: string; sha256: string }[], number]>(
        'DELETE FROM assessment_evidence WHERE id = $1 AND assessment_id = $2 RETURNING question_code, file_name, sha256',
        [evidenceId, assessment.id],
      );
      if (!gone) throw new NotFoundError('EVIDENCE.NOT_FOUND', 'No such evidence.');
      await this.audit.record(m, {
        action: 'evidence.removed',
        entityType: 'assessment',
        entityId: assessment.id,
        before: { question: gone.question_code, fileName: gone.file_name, sha256: gone.sha256 },
        after: null,
        actor: { type: 'supplier', id: assessment.id },
      });
    });
  }

  async list(assessmentId: string): Promise<AssessmentEvidence[]> {
    return this.dataSource.getRepository(AssessmentEvidence).find({ where: { assessmentId }, order: { createdAt: 'ASC' } });
  }

  async download(assessmentId: string, evidenceId: string): Promise<AssessmentEvidence> {
    const evidence = await this.dataSource
      .getRepository(AssessmentEvidence)
      .createQueryBuilder('e')
      .addSelect('e.content')
      .where('e.id = :evidenceId AND e.assessment_id = :assessmentId', { evidenceId, assessmentId })
      .getOne();
    if (!evidence) throw new NotFoundError('EVIDENCE.NOT_FOUND', 'No such evidence.');
    return evidence;
  }

  /** Questions whose evidence is required and has none yet. */
  async missingRequired(assessmentId: string, codes: string[]): Promise<string[]> {
    if (codes.length === 0) return [];
    const rows = await this.dataSource.query<{ question_code: string }[]>('SELECT DISTINCT question_code FROM assessment_evidence WHERE assessment_id = $1', [assessmentId]);
    const have = new Set(rows.map((r) => r.question_code));
    return codes.filter((c) => !have.has(c));
  }
}
