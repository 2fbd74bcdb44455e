import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig, requiredSettingNames, ServiceConfig, ServiceUrl } from './config.js';

class ExampleConfig extends ServiceConfig {
  @ServiceUrl()
  REPORTING_URL: string;
}

const valid = {
  PORT: '3001',
  DATABASE_URL: 'postgresql://u:p@db:5432/onestop',
  SERVICE_TOKEN: 'a-long-enough-shared-secret',
  REPORTING_URL: 'http://reporting:3005',
};

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    loadConfig(ExampleConfig, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('converts settings to their types and fills defaults', () => {
    const config = loadConfig(ExampleConfig, valid);
    expect(config.PORT).toBe(3001);
    expect(config.HTTP_TIMEOUT_MS).toBe(5000);
    expect(config.LOG_LEVEL).toBe('log');
    expect(config.REPORTING_URL).toBe('http://reporting:3005');
  });

  it('names every missing setting', () => {
    expect(problemsOf({})).toEqual(
      expect.arrayContaining(['PORT is required', 'DATABASE_URL is required', 'SERVICE_TOKEN is required', 'REPORTING_URL is required']),
    );
  });

  it('names malformed settings with the reason', () => {
    const problems = problemsOf({ ...valid, PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'chatty', SERVICE_TOKEN: 'short' });
    expect(problems.map((p) => p.split(' ')[0]).sort()).toEqual(['DATABASE_URL', 'LOG_LEVEL', 'PORT', 'SERVICE_TOKEN']);
    expect(problems.find((p) => p.startsWith('PORT'))).toMatch(/integer/);
  });

  it('treats an empty value as missing', () => {
    expect(problemsOf({ ...valid, REPORTING_URL: '' })).toEqual(['REPORTING_URL is required']);
  });

  it('listens on loopback unless LISTEN_HOST names another address, which must be an IP address', () => {
    expect(loadConfig(ExampleConfig, valid).LISTEN_HOST).toBe('127.0.0.1');
    expect(loadConfig(ExampleConfig, { ...valid, LISTEN_HOST: '0.0.0.0' }).LISTEN_HOST).toBe('0.0.0.0');
    expect(loadConfig(ExampleConfig, { ...valid, LISTEN_HOST: '::' }).LISTEN_HOST).toBe('::');
    expect(problemsOf({ ...valid, LISTEN_HOST: 'everywhere' })).toEqual(['LISTEN_HOST must be an IP address to listen on, such as 127.0.0.1, 0.0.0.0 or ::']);
  });

  it('lists the settings an app cannot do without', () => {
    expect(requiredSettingNames(ExampleConfig).sort()).toEqual(['DATABASE_URL', 'PORT', 'REPORTING_URL', 'SERVICE_TOKEN']);
  });
});
