import type { Provider } from '@nestjs/common';
import { resolve } from 'node:path';
import { ServiceConfig } from '../config/config.js';
import { FileStorage } from './file-storage.js';
import { LocalDiskStorage } from './local-disk-storage.js';
import { S3Storage } from './s3-storage.js';

/** The store the settings choose: `FILE_STORAGE=s3` with its `S3_*` settings, otherwise local disk. */
export function createFileStorage(config: ServiceConfig, cwd = process.cwd()): FileStorage {
  if (config.FILE_STORAGE === 's3') {
    // loadConfig has already required these when FILE_STORAGE is s3.
    return new S3Storage({
      endpoint: config.S3_ENDPOINT!,
      bucket: config.S3_BUCKET!,
      region: config.S3_REGION,
      accessKeyId: config.S3_ACCESS_KEY_ID!,
      secretAccessKey: config.S3_SECRET_ACCESS_KEY!,
      forcePathStyle: config.S3_FORCE_PATH_STYLE,
    });
  }
  return new LocalDiskStorage(resolve(cwd, config.FILE_STORAGE_DIR));
}

/** Lets every service inject `FileStorage`; tests replace it through Nest DI like any provider. */
export const FILE_STORAGE_PROVIDER: Provider = { provide: FileStorage, useFactory: (config: ServiceConfig) => createFileStorage(config), inject: [ServiceConfig] };
