import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Caller } from './caller.js';

/**
 * The caller the roles guard authenticated, for endpoints that declare `@Roles(...)`; a handler
 * uses it to scope what it reads and writes (an officer's agencies, a citizen's own dossiers).
 */
export const CurrentCaller = createParamDecorator((_data: unknown, context: ExecutionContext): Caller => {
  const caller = context.switchToHttp().getRequest<{ caller?: Caller }>().caller;
  if (!caller) throw new Error('CurrentCaller used on an endpoint without @Roles: no caller was authenticated');
  return caller;
});
