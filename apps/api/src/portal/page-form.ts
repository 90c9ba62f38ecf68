import type { FastifyRequest } from 'fastify';
import { EVIDENCE_MAX_BYTES } from '@app/assessments';
import { DomainError } from '@app/platform';

export type Form = Record<string, string | string[]>;

/** A file chosen in one of the page's file inputs (`q.<code>.file`). */
export interface PostedFile {
  code: string;
  name: string;
  content: Buffer;
  /** Larger than the limit: only its first part arrived; it is refused, the rest of the form kept. */
  tooLarge: boolean;
  /** Beyond the files one post may carry: not read, and said so. */
  tooMany: boolean;
}

/** At most this many files in one post of the questionnaire page (each up to 10 MB, held in memory). */
export const FILES_PER_POST = 5;
/** Every file input is posted, chosen or not (an empty part): the limit on parts counts them all. */
const FILE_INPUTS_PER_PAGE = 1000;

const add = (form: Form, name: string, value: string) => {
  const had = form[name];
  form[name] = had === undefined ? value : Array.isArray(had) ? [...had, value] : [had, value];
};

/**
 * The questionnaire page's post, as fields and files: a urlencoded form (parsed by the adapter) or,
 * when the page has file inputs, multipart. Read whole before anything is checked or changed; a file
 * over the limit is marked, not thrown, so that the answers posted with it are still kept.
 */
export async function readPageForm(request: FastifyRequest): Promise<{ fields: Form; files: PostedFile[] }> {
  if (!request.isMultipart()) return { fields: (request.body ?? {}) as Form, files: [] };
  const fields: Form = {};
  const files: PostedFile[] = [];
  const options = {
    limits: {
      fileSize: EVIDENCE_MAX_BYTES,
      files: FILE_INPUTS_PER_PAGE,
      fields: 3000,
      fieldSize: 64 * 1024,
      parts: 3000 + FILE_INPUTS_PER_PAGE,
    },
    throwFileSizeLimit: false,
  };
  let chosen = 0;
  try {
    for await (const part of request.parts(options as Parameters<FastifyRequest['parts']>[0])) {
      if (part.type === 'field') {
        add(fields, part.fieldname, String(part.value ?? ''));
        continue;
      }
      const code = /^q\.([A-Z0-9-]+)\.file$/.exec(part.fieldname)?.[1];
      // An empty file input is posted as a part with no file name and no content.
      if (!code || !part.filename || chosen >= FILES_PER_POST) {
        for await (const chunk of part.file) void chunk; // read past it, keeping nothing
        if (code && part.filename)
          files.push({ code, name: part.filename, content: Buffer.alloc(0), tooLarge: false, tooMany: true });
        continue;
      }
      chosen++;
      const content = await part.toBuffer();
      files.push({ code, name: part.filename, content, tooLarge: part.file.truncated, tooMany: false });
    }
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw new DomainError(
      'REQUEST.INVALID',
      'The form could not be read. Go back, reload the page and try again.',
      400,
    );
  }
  return { fields, files };
}

export const one = (form: Form, name: string): string => {
  const v = form[name];
  return String((Array.isArray(v) ? v[0] : v) ?? '');
};

/**
 * The text a refused post carried (its session had ended, or its CSRF token was stale), to show back
 * so that it can be copied, not lost: written answers and comments. Choices (short option values),
 * numbers and dates are left out: they are quick to give again.
 */
export function typedTexts(form: Form): { label: string; text: string }[] {
  const texts: { label: string; text: string }[] = [];
  for (const [name, raw] of Object.entries(form)) {
    const match = /^q\.([A-Z0-9-]+)\.(value|comment)$/.exec(name);
    const text = (Array.isArray(raw) ? raw.join(', ') : raw).trim();
    if (!match || !text || /^[a-z0-9_,. -]{1,32}$/.test(text) || /^\d{4}-\d{2}-\d{2}$/.test(text)) continue;
    texts.push({ label: `${match[1]} ${match[2] === 'comment' ? 'comment' : 'answer'}`, text });
  }
  return texts;
}
