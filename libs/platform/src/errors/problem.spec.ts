import { describe, expect, it } from '@jest/globals';
import { Type } from 'class-transformer';
import { IsInt, IsString, Min, ValidateNested, validateSync } from 'class-validator';
import { plainToInstance } from 'class-transformer';
import { fieldProblems, validationProblem } from './problem.js';

class Document {
  @IsString() name: string;
  @IsInt() @Min(1) copies: number;
}

class Dossier {
  @IsString() applicant: string;
  @ValidateNested({ each: true }) @Type(() => Document) documents: Document[];
}

describe('field problems', () => {
  it('names nested fields with dotted paths and array indexes', () => {
    const dossier = plainToInstance(Dossier, { applicant: 7, documents: [{ name: 'CCCD', copies: 1 }, { name: 3, copies: 0 }] });
    const problems = fieldProblems(validateSync(dossier));
    expect(problems.map((p) => p.field).sort()).toEqual(['applicant', 'documents[1].copies', 'documents[1].name']);
  });

  it('makes a 400 validation-failed problem that lists them', () => {
    const exception = validationProblem(validateSync(plainToInstance(Dossier, { applicant: 'A', documents: [{ name: 'x', copies: -1 }] })));
    expect(exception.getStatus()).toBe(400);
    expect(exception.code).toBe('validation-failed');
    expect(exception.detail).toContain('documents[0].copies');
  });
});
