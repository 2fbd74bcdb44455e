import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDefined, ValidateNested } from 'class-validator';

/**
 * The decorators as if written one above the other on the property, in this order: TypeScript
 * applies stacked decorators from the bottom up, and class-validator reports a property's
 * failures in the order its checks were applied, so the messages come out as they would.
 */
export function stackedDecorators(...decorators: PropertyDecorator[]): PropertyDecorator {
  return applyDecorators(...[...decorators].reverse());
}

/**
 * A required nested object of the class `type()`, validated inside; missing, it is refused with
 * `message` ("<property> is required" unless told).
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export function IsNestedObject(type: () => Function, message = '$property is required'): PropertyDecorator {
  return stackedDecorators(IsDefined({ message }), ValidateNested(), Type(type));
}

export interface NestedArrayOptions {
  /** At most this many items. */
  max: number;
  /** At least this many items, when given (with `minMessage` instead of class-validator's). */
  min?: number;
  minMessage?: string;
}

/** A list of objects of the class `type()`, each validated, with at most `max` items (and at least `min`). */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export function IsNestedArray(type: () => Function, { max, min, minMessage }: NestedArrayOptions): PropertyDecorator {
  const atLeast = min === undefined ? [] : [minMessage === undefined ? ArrayMinSize(min) : ArrayMinSize(min, { message: minMessage })];
  return stackedDecorators(IsArray(), ...atLeast, ArrayMaxSize(max), ValidateNested({ each: true }), Type(type));
}
