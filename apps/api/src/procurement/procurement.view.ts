import type { OutboxStatus } from '@app/notifications';

// Response shapes of procurement routes that have no lib view of their own, as classes the OpenAPI
// document is generated from.

/** What the notification log shows of an email: never the sealed token its refs may carry. */
export class NotificationView {
  id: string;
  kind: string;
  template: string;
  /** The recipients, comma separated. */
  recipient: string;
  recipients: string[];
  status: OutboxStatus;
  attempts: number;
  lastError: string | null;
  skipReason: string | null;
  providerMessageId: string | null;
  /** The ids the email refers to (assessmentId, supplierId, ...). */
  refs: Record<string, string>;
  createdAt: string;
  sentAt: string | null;
}

export class ImportFieldProblem {
  /** The CSV column at fault. */
  path: string;
  message: string;
}

/** One CSV row's outcome. */
export class ImportRowView {
  /** The row's line number in the file. */
  line: number;
  status: 'created' | 'updated' | 'unchanged' | 'invalid';
  supplierId?: string;
  name?: string;
  errors?: ImportFieldProblem[];
}

/** The CSV import's answer: counts and a result per row. */
export class ImportResultView {
  dryRun: boolean;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  invalid: number;
  results: ImportRowView[];
}

/** One row of an access-path CSV import. */
export class AccessPathImportRowView {
  /** The row's line number in the file. */
  line: number;
  status: 'created' | 'updated' | 'unchanged' | 'invalid';
  accessPathId?: string;
  errors?: ImportFieldProblem[];
}

/** The access-path CSV import's answer: counts and a result per row. */
export class AccessPathImportResultView {
  dryRun: boolean;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  invalid: number;
  results: AccessPathImportRowView[];
}
