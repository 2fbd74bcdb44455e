import { type DynamicModule, Logger, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, type DataSourceOptions, type MixedList, type EntitySchema } from 'typeorm';
import { ServiceConfig } from '../config/config.js';
import { runMigrationsLocked } from './migrations-runner.js';

export interface DatabaseOptions {
  /** The service's own schema; every table the service owns lives in it. */
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
}

/** Connection settings of a service's data source; shared by the app and the migration CLI. */
export function dataSourceOptions(databaseUrl: string, options: DatabaseOptions, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    schema: options.schema,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: 'migrations',
    migrationsRun: false,
    synchronize: false,
    // Unqualified names in migrations and raw SQL resolve to the service's own schema;
    // `public` stays on the path for extensions such as unaccent and pg_trgm.
    extra: { options: `-c search_path=${options.schema},public -c timezone=UTC`, max: poolSize },
  };
}

/**
 * A pooled connection the server drops (a restart: "terminating connection due to
 * administrator command") emits 'error'; with no listener on it that would crash the process.
 * Every connection gets one: the pool replaces dead connections, and queries on them fail with
 * an error the problem filter answers as 503 `database-unavailable`.
 */
function guardConnectionErrors(dataSource: DataSource): void {
  const logger = new Logger('Database');
  const pool = (dataSource.driver as unknown as { master?: { on(event: 'connect', listener: (client: { on(event: 'error', listener: (error: Error) => void): void }) => void): void } }).master;
  pool?.on('connect', (client) => client.on('error', (error) => logger.warn(`connection lost: ${error.message}`)));
}

/**
 * The service's TypeORM data source on its own schema. Migrations run before the app serves
 * anything, under an advisory lock so several replicas can start together; `synchronize`
 * is never on.
 */
@Module({})
export class DatabaseModule {
  static forService(options: DatabaseOptions): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [ServiceConfig],
          useFactory: (config: ServiceConfig) => dataSourceOptions(config.DATABASE_URL, options),
          dataSourceFactory: async (dataSourceOptions) => {
            const dataSource = await new DataSource(dataSourceOptions!).initialize();
            guardConnectionErrors(dataSource);
            try {
              await runMigrationsLocked(dataSource, options.schema);
            } catch (error) {
              await dataSource.destroy();
              throw error;
            }
            return dataSource;
          },
        }),
      ],
      exports: [TypeOrmModule],
    };
  }
}
