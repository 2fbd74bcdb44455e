import { SetMetadata } from '@nestjs/common';
import type { ApiKeyScope, Role } from '@onestop/domain';
import { ProblemException } from '../errors/problem.js';
import type { Caller } from './caller.js';

/** An operation as the OpenAPI document names it: method and path template. */
export type Operation = `${'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'} /${string}`;

/**
 * How a request gets past the guard to the handler:
 * - `signed-in`: with a bearer token of one of the roles, or an API key with one of the scopes;
 * - `public`: anyone (a token that is sent is still checked);
 * - `optional-sign-in`: anyone; the handler reads the token when one is sent (a citizen filing
 *   a complaint becomes its owner, a report reader gets more figures);
 * - `lookup-code`: anyone with the lookup code (`?secret=`); without it, a sign-in of one of the
 *   roles (of any role when none is named). The guard checks that sign-in, before the body is
 *   read, unless `checkedByHandler` (the handler checks it after the query is validated);
 * - `signed`: no credential of ours counts; the sender's signature over the body decides.
 */
export type AccessEntry = 'signed-in' | 'public' | 'optional-sign-in' | 'lookup-code' | 'signed';

export interface AccessRuleSpec {
  entry?: AccessEntry;
  roles?: readonly Role[];
  scopes?: readonly ApiKeyScope[];
  /** The operations this rule decides, so a reader finds who may call what in one file per app. */
  operations?: readonly Operation[];
  /** For a `lookup-code` rule: the handler, not the guard, refuses a request without code or sign-in. */
  checkedByHandler?: boolean;
}

/** Who may call some operations, and the row-level predicates the services decide them with. */
export interface AccessRule {
  /** `<app>.<rule>`, as the access test and error messages name it. */
  readonly name: string;
  readonly entry: AccessEntry;
  readonly roles: readonly Role[];
  readonly scopes: readonly ApiKeyScope[];
  readonly operations: readonly Operation[];
  readonly checkedByHandler: boolean;
  /** Whether the caller holds one of the rule's roles or API-key scopes. */
  admits(caller: Caller | undefined): caller is Caller;
}

type Rule<Spec> = AccessRule & Omit<Spec, keyof AccessRuleSpec>;

/**
 * One app's access policy: its rules by name, each with the operations it decides and whatever
 * predicates (agency membership, applicant ownership) the app's services ask it. Controllers name
 * a rule with `@Access`; the guard enforces it; the OpenAPI document and the access test read it.
 */
export function accessPolicy<const Rules extends Record<string, AccessRuleSpec>>(app: string, rules: Rules): { readonly [Name in keyof Rules]: Rule<Rules[Name]> } {
  return Object.fromEntries(Object.entries(rules).map(([name, spec]) => [name, accessRule(`${app}.${name}`, spec)])) as { [Name in keyof Rules]: Rule<Rules[Name]> };
}

function accessRule<Spec extends AccessRuleSpec>(name: string, spec: Spec): Rule<Spec> {
  const roles = spec.roles ?? [];
  const scopes = spec.scopes ?? [];
  const entry = spec.entry ?? 'signed-in';
  const anyCaller = entry === 'lookup-code' && roles.length === 0 && scopes.length === 0;
  return {
    ...spec,
    name,
    entry,
    roles,
    scopes,
    operations: spec.operations ?? [],
    checkedByHandler: spec.checkedByHandler ?? false,
    admits: (caller: Caller | undefined): caller is Caller =>
      caller !== undefined && (anyCaller || caller.roles.some((role) => roles.includes(role)) || (caller.scopes ?? []).some((scope) => scopes.includes(scope))),
  } as Rule<Spec>;
}

/** Anyone, for the operations that name no rule. */
export const PUBLIC_ACCESS: AccessRule = accessRule('public', { entry: 'public' });

const ACCESS_RULE_KEY = 'onestop:access-rule';

/** Names the rule that decides who may call an operation (or every operation of a controller). */
export const Access = (rule: AccessRule) => SetMetadata(ACCESS_RULE_KEY, rule);

/** The rule `@Access` names on a handler or its controller (the handler's wins); public without one. */
export function accessRuleOf(handler: object, controller: object): AccessRule {
  return (Reflect.getMetadata(ACCESS_RULE_KEY, handler) as AccessRule | undefined) ?? (Reflect.getMetadata(ACCESS_RULE_KEY, controller) as AccessRule | undefined) ?? PUBLIC_ACCESS;
}

/**
 * The caller, if the rule lets them through: 401 without a caller, 403 without one of the
 * rule's roles or scopes, worded for a `lookup-code` rule to say the code would do.
 */
export function admitted(rule: AccessRule, caller: Caller | undefined): Caller {
  const orCode = rule.entry === 'lookup-code';
  if (!caller) {
    throw new ProblemException(
      401,
      'authentication-required',
      'Unauthorized',
      orCode ? 'This operation needs credentials (Authorization: Bearer <token>) or the lookup code from the receipt as `secret`.' : 'This operation needs credentials: send Authorization: Bearer <token>.',
    );
  }
  if (!rule.admits(caller)) {
    if (orCode) throw new ProblemException(403, 'forbidden', 'Forbidden', `This operation needs one of the roles ${rule.roles.join(', ')}, or the lookup code from the receipt as \`secret\`.`);
    const needs = [rule.roles.length ? `one of the roles ${rule.roles.join(', ')}` : '', rule.scopes.length ? `an API key with the scope ${rule.scopes.join(' or ')}` : ''].filter(Boolean).join(', or ');
    throw new ProblemException(403, 'forbidden', 'Forbidden', `This operation needs ${needs}.`);
  }
  return caller;
}
