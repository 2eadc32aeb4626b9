import { readFileSync } from 'node:fs';

export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export const round = (value: number, digits = 2) => Number(value.toFixed(digits));

/** Peak and current resident set size of a process, from /proc (Linux). */
export function residentMemoryMb(pid: number): { peakMb: number; currentMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(status.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'))?.[1] ?? NaN);
  return { peakMb: round(kb('VmHWM') / 1024, 1), currentMb: round(kb('VmRSS') / 1024, 1) };
}

/** CPU time (user + system) a process has used so far, in seconds, from /proc (Linux); NaN once it is gone. */
export function cpuSeconds(pid: number): number {
  try {
    // the fields after the command's closing parenthesis: utime and stime are the 12th and 13th of them
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // USER_HZ is 100 on Linux
  } catch {
    return NaN;
  }
}

/** The whole machine's CPU time so far, busy and total, in seconds summed over its cores, from /proc/stat. */
export function machineCpuSeconds(): { busy: number; total: number } {
  const [, ...values] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
  const ticks = values.map(Number);
  const total = ticks.reduce((a, b) => a + b, 0);
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0); // idle and iowait
  return { busy: (total - idle) / 100, total: total / 100 };
}
