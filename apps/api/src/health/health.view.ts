/** Liveness. */
export class LivenessView {
  status: 'ok';
}

export class CheckView {
  status: 'up' | 'down';
  detail?: string;
}

export class ReadinessChecksView {
  database: CheckView;
  redis: CheckView;
  migrations: CheckView;
}

/** Readiness: database and Redis answer, no migration pending. */
export class ReadinessView {
  status: 'ready' | 'not_ready';
  checks: ReadinessChecksView;
}
