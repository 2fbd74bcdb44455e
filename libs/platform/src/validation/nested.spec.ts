import { describe, expect, it } from '@jest/globals';
import { plainToInstance, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDefined, IsString, Matches, validateSync, ValidateNested, type ValidationError } from 'class-validator';
import { AGENCY_CODE_PATTERN } from '@onestop/domain';
import { IsAgencyCode } from './agency-code.js';
import { IsNestedArray, IsNestedObject } from './nested.js';
import { IsVietnamesePhone } from './phone.js';

class Item {
  @IsString()
  name: string;
}

/** The shared decorators... */
class Shared {
  @IsNestedObject(() => Item)
  item: Item;

  @IsNestedArray(() => Item, { max: 2, min: 1, minMessage: 'items must hold at least one item' })
  items: Item[];

  @IsVietnamesePhone()
  phone: string;

  @IsAgencyCode({ example: '000.00.00.H56', each: true })
  agencies: string[];
}

/** ...and what they stand for, written out as the DTOs had them. */
class ByHand {
  @IsDefined({ message: 'item is required' })
  @ValidateNested()
  @Type(() => Item)
  item: Item;

  @IsArray()
  @ArrayMinSize(1, { message: 'items must hold at least one item' })
  @ArrayMaxSize(2)
  @ValidateNested({ each: true })
  @Type(() => Item)
  items: Item[];

  @Matches(/^(0|\+84)\d{9}$/, { message: 'phone must be a Vietnamese phone number such as 0912345678' })
  phone: string;

  @Matches(AGENCY_CODE_PATTERN, { each: true, message: 'agencies must be an agency code such as 000.00.00.H56' })
  agencies: string[];
}

const flat = (errors: ValidationError[], prefix = ''): string[] =>
  errors.flatMap((e) => [...Object.entries(e.constraints ?? {}).map(([type, message]) => `${prefix}${e.property} ${type}: ${message}`), ...flat(e.children ?? [], `${prefix}${e.property}.`)]);
const problems = (type: new () => object, body: object) => flat(validateSync(plainToInstance(type, body)));

describe('shared validation decorators', () => {
  it.each([
    [{}],
    [{ item: { name: 3 }, items: [], phone: '12', agencies: ['x'] }],
    [{ item: {}, items: 'none', phone: '0912345678', agencies: ['000.00.00.H56'] }],
    [{ item: { name: 'a' }, items: [{ name: 'a' }, {}, { name: 1 }], phone: '+84912345678', agencies: 'x' }],
  ])('refuse %j exactly as the decorators they stand for, in the same order', (body) => {
    expect(problems(Shared, body)).toEqual(problems(ByHand, body));
    expect(problems(Shared, body).length).toBeGreaterThan(0);
  });

  it('name the property in their messages', () => {
    expect(problems(Shared, { items: [], phone: '12', agencies: ['x'] })).toEqual([
      'item isDefined: item is required',
      'items arrayMinSize: items must hold at least one item',
      'phone matches: phone must be a Vietnamese phone number such as 0912345678',
      'agencies matches: agencies must be an agency code such as 000.00.00.H56',
    ]);
  });

  it('take a valid body', () => {
    expect(problems(Shared, { item: { name: 'a' }, items: [{ name: 'b' }], phone: '0912345678', agencies: ['000.00.00.H56'] })).toEqual([]);
  });
});
