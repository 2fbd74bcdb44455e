// Types of backup-tools.mjs, for the tests that run the backup scripts.
export function serverMajor(databaseUrl: string): Promise<number>;
export function postgresTool(name: string, major: number): Promise<string>;
export function sha256Of(path: string): Promise<string>;
