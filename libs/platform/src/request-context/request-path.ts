import type { IncomingMessage } from 'node:http';

/**
 * The path of a request, without its query string, as Express's `req.path` gives it at the
 * application's root: for middleware that also runs before Express (the gateway's door), where
 * the request is Node's own.
 */
export function pathOf(req: IncomingMessage): string {
  const url = (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '/';
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}
