import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  contextBuilderMap,
  EMAIL_CONTEXT_BUILDERS,
  type EmailContextBuilder,
  type OutboxRow,
  type Prepared,
} from '@app/notifications';

export type { Prepared } from '@app/notifications';

/**
 * Reloads what an outbox row refers to, when the worker sends it, and decides whether it is still
 * owed: the row's template is looked up among the registered context builders (contexts/, one per
 * family of templates, listed in EmailWorkerModule). The words come from the context builders of
 * `@app/notifications` (the same the console's preview uses); the context of each template is
 * complete (strict templates).
 */
@Injectable()
export class EmailContent {
  private readonly builders: Map<string, EmailContextBuilder>;

  constructor(@Inject(EMAIL_CONTEXT_BUILDERS) builders: EmailContextBuilder[]) {
    this.builders = contextBuilderMap(builders);
  }

  prepare(m: EntityManager, row: OutboxRow): Promise<Prepared> {
    const builder = this.builders.get(row.template);
    return builder ? builder.prepare(m, row) : Promise.resolve({ skip: `no template ${row.template}` });
  }
}
