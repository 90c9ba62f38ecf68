import type { EntityManager } from 'typeorm';
import type { OutboxRow } from './outbox-message.entity.js';

/** What an email needs, or why it is no longer owed. */
export type Prepared =
  | {
      context: Record<string, unknown>;
      /** The template to render when it is not the row's own (a row owed under an older template name). */
      template?: string;
      attachments?: { filename: string; content: Buffer; contentType: string }[];
    }
  | { skip: string };

/**
 * Reloads what an outbox row refers to, when the worker sends it, and decides whether the email is
 * still owed: one builder per family of templates. Each is a provider listed under
 * EMAIL_CONTEXT_BUILDERS; the worker's EmailContent looks a row's template up among them.
 */
export interface EmailContextBuilder {
  /** The templates this builder prepares (each template has exactly one builder). */
  readonly templates: readonly string[];
  prepare(manager: EntityManager, row: OutboxRow): Promise<Prepared>;
}

/** The multi-provider token: an array of every EmailContextBuilder. */
export const EMAIL_CONTEXT_BUILDERS = Symbol('EMAIL_CONTEXT_BUILDERS');

/** A template -> builder map; a template claimed twice is a wiring mistake, refused at boot. */
export function contextBuilderMap(builders: readonly EmailContextBuilder[]): Map<string, EmailContextBuilder> {
  const map = new Map<string, EmailContextBuilder>();
  for (const builder of builders) {
    for (const template of builder.templates) {
      if (map.has(template)) throw new Error(`two email context builders claim the template ${template}`);
      map.set(template, builder);
    }
  }
  return map;
}
