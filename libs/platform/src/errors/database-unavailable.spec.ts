import { describe, expect, it } from '@jest/globals';
import { QueryFailedError, QueryRunnerAlreadyReleasedError, TypeORMError } from 'typeorm';
import { isDatabaseUnavailable } from './problem.filter.js';

/** The errors seen while PostgreSQL restarts under load; each must become a 503, not a 500. */
describe('a database out of reach', () => {
  const pgError = (message: string, code?: string) => Object.assign(new Error(message), code ? { code } : {});

  it.each([
    ['a refused connection', pgError('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['a server shutting down', new QueryFailedError('SELECT 1', [], pgError('terminating connection due to administrator command', '57P01'))],
    ['a server starting up', pgError('the database system is starting up', '57P03')],
    ['a connection cut mid-query', new QueryFailedError('INSERT', [], pgError('Connection terminated unexpectedly'))],
    ['a client reused after its connection failed', new QueryFailedError('INSERT', [], pgError('Client has encountered a connection error and is not queryable'))],
    ['a pool that cannot connect in time', pgError('timeout exceeded when trying to connect')],
    ['the COMMIT of a transaction whose connection TypeORM already released', new QueryRunnerAlreadyReleasedError()],
  ])('is recognised in %s', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation', new QueryFailedError('INSERT', [], pgError('duplicate key value violates unique constraint', '23505'))],
    ['a syntax error', new QueryFailedError('SELEC', [], pgError('syntax error at or near "SELEC"', '42601'))],
    ['any other TypeORM error', new TypeORMError('No metadata for "Dossier" was found.')],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'code')")],
  ])('is not claimed for %s', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
