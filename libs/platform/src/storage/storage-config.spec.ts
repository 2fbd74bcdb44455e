import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig, requiredSettingNames, ServiceConfig } from '../config/config.js';
import { createFileStorage } from './file-storage.provider.js';
import { LocalDiskStorage } from './local-disk-storage.js';
import { S3Storage } from './s3-storage.js';

const base = { PORT: '3002', DATABASE_URL: 'postgresql://u:p@db:5432/onestop', SERVICE_TOKEN: 'a-long-enough-shared-secret' };

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(ServiceConfig, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('file storage settings', () => {
  it('default to local disk under .data/files of the working directory', () => {
    const config = loadConfig(ServiceConfig, base);
    expect(config).toMatchObject({ FILE_STORAGE: 'local', FILE_STORAGE_DIR: '.data/files', S3_REGION: 'us-east-1', S3_FORCE_PATH_STYLE: true });
    const storage = createFileStorage(config, '/srv/app');
    expect(storage).toBeInstanceOf(LocalDiskStorage);
    expect((storage as LocalDiskStorage).root).toBe('/srv/app/.data/files');
    expect((createFileStorage(loadConfig(ServiceConfig, { ...base, FILE_STORAGE_DIR: '/var/lib/onestop' }), '/srv/app') as LocalDiskStorage).root).toBe('/var/lib/onestop');
  });

  it('with FILE_STORAGE=s3, require every S3 setting without a default, naming each missing one', () => {
    expect(problemsOf({ ...base, FILE_STORAGE: 's3' }).sort()).toEqual([
      'S3_ACCESS_KEY_ID is required',
      'S3_BUCKET is required',
      'S3_ENDPOINT is required',
      'S3_SECRET_ACCESS_KEY is required',
    ]);
    expect(problemsOf({ ...base, FILE_STORAGE: 's3', S3_ENDPOINT: 'minio:9000', S3_BUCKET: 'b', S3_ACCESS_KEY_ID: 'k', S3_SECRET_ACCESS_KEY: 's', S3_FORCE_PATH_STYLE: 'yes' }).map((p) => p.split(' ')[0]).sort()).toEqual([
      'S3_BUCKET',
      'S3_ENDPOINT',
      'S3_FORCE_PATH_STYLE',
    ]);
  });

  it('refuse an unknown kind of storage', () => {
    expect(problemsOf({ ...base, FILE_STORAGE: 'ftp' })).toEqual([expect.stringMatching(/^FILE_STORAGE .*must be one of.*local, s3/)]);
  });

  it('choose S3 when configured, and never make the S3 settings required otherwise', () => {
    const config = loadConfig(ServiceConfig, {
      ...base,
      FILE_STORAGE: 's3',
      S3_ENDPOINT: 'http://minio:9000',
      S3_BUCKET: 'onestop-files',
      S3_ACCESS_KEY_ID: 'minio',
      S3_SECRET_ACCESS_KEY: 'minio-secret',
      S3_FORCE_PATH_STYLE: 'false',
    });
    expect(config.S3_FORCE_PATH_STYLE).toBe(false);
    expect(createFileStorage(config)).toBeInstanceOf(S3Storage);
    expect(requiredSettingNames(ServiceConfig).sort()).toEqual(['DATABASE_URL', 'PORT', 'SERVICE_TOKEN']);
  });
});
