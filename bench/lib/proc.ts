import { readdir, readFile } from 'node:fs/promises';

/** One process of the stack, read from /proc (Linux). */
export interface ProcessReading {
  pid: number;
  /** The service a Node process runs, `postgresql`, `npm start (launcher)` or `other`. */
  part: string;
  rssKiB: number;
  pssKiB: number;
  /** User and system CPU time used so far, in seconds. */
  cpuSeconds: number;
}

/** Every process below `root`. */
export async function descendants(root: number): Promise<number[]> {
  const parents = new Map<number, number>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    // The command name (field 2) may hold spaces; the parent pid is the second field after it.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (ppid) parents.set(Number(entry), ppid);
  }
  const found: number[] = [];
  const walk = (pid: number) => {
    for (const [child, parent] of parents) {
      if (parent !== pid) continue;
      found.push(child);
      walk(child);
    }
  };
  walk(root);
  return found;
}

/** PostgreSQL's processes on this machine (benchmarks run alone, so they are the scenario's). */
export async function postgresPids(): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(entry)) continue;
    const command = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    if (/(^|\/)postgres(\0|$)|^postgres: /.test(command)) pids.push(Number(entry));
  }
  return pids;
}

const CLOCK_TICKS_PER_SECOND = 100;

const kibOf = (text: string, field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0);

/** Proportional set size of one process (or this one), in KiB; 0 when it cannot be read. */
export async function pssKiB(pid: number | 'self'): Promise<number> {
  return kibOf(await readFile(`/proc/${pid}/smaps_rollup`, 'utf8').catch(() => ''), 'Pss');
}

/** Memory (RSS, and PSS: shared pages divided among their sharers, so a sum is honest) and CPU time of one process. */
export async function readProcess(pid: number): Promise<ProcessReading | undefined> {
  const [status, rollup, cmdline, stat] = await Promise.all([
    readFile(`/proc/${pid}/status`, 'utf8').catch(() => ''),
    readFile(`/proc/${pid}/smaps_rollup`, 'utf8').catch(() => ''),
    readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => ''),
    readFile(`/proc/${pid}/stat`, 'utf8').catch(() => ''),
  ]);
  if (!status) return undefined;
  const command = cmdline.split('\0').join(' ');
  const service = /dist\/apps\/(\w+)\/src\/main\.js/.exec(command)?.[1];
  const part = service ?? (/postgres/.test(command) ? 'postgresql' : /scripts\/start\.mjs/.test(command) ? 'npm start (launcher)' : 'other');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const cpuSeconds = (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) / CLOCK_TICKS_PER_SECOND;
  return { pid, part, rssKiB: kibOf(status, 'VmRSS'), pssKiB: kibOf(rollup, 'Pss'), cpuSeconds };
}

