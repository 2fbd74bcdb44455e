// Types of embedded-postgres.mjs, for the TypeScript tests and benchmarks that start a server of their own.
export interface EmbeddedServer {
  urlFor(database: string): string;
  createDatabase(name: string): Promise<void>;
  stop(): Promise<void>;
}

export function freePort(): Promise<number>;

export function startEmbeddedPostgres(options: { dataDir: string; port: number; persistent: boolean; onLog?: (message: string) => void }): Promise<EmbeddedServer>;
