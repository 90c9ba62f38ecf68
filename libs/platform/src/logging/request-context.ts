import { AsyncLocalStorage } from 'node:async_hooks';

/** What is known about the request being served, wherever the code runs during it. */
export interface RequestContext {
  requestId: string;
  ip?: string;
  /** Who is acting, once authenticated: recorded by the audit trail. */
  actor?: Actor;
}

export interface Actor {
  type: 'user' | 'supplier' | 'system';
  id: string | null;
}

const storage = new AsyncLocalStorage<RequestContext>();

export const requestContext = {
  /** Binds the context to the rest of this request's asynchronous work. */
  enter(context: RequestContext): void {
    storage.enterWith(context);
  },
  run<T>(context: RequestContext, fn: () => T): T {
    return storage.run(context, fn);
  },
  current(): RequestContext | undefined {
    return storage.getStore();
  },
};
