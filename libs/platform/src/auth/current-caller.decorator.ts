import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Caller } from './caller.js';

/**
 * The caller the access guard authenticated, for endpoints whose `@Access` rule needs a sign-in; a handler
 * uses it to scope what it reads and writes (an officer's agencies, a citizen's own dossiers).
 */
export const CurrentCaller = createParamDecorator((_data: unknown, context: ExecutionContext): Caller => {
  const caller = context.switchToHttp().getRequest<{ caller?: Caller }>().caller;
  if (!caller) throw new Error('CurrentCaller used on an endpoint whose access rule needs no sign-in: no caller was authenticated');
  return caller;
});
