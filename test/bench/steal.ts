// How much CPU the virtual machine's host took away while a bench pass ran ("steal" in /proc/stat):
// wall-clock figures measured while it is high are slower than the code is, so benches print it
// beside them. Linux only; elsewhere it reports nothing.
import { readFileSync } from 'node:fs';

function cpuTotals(): { steal: number; total: number } | null {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const fields = line.trim().split(/\s+/).slice(1).map(Number);
    if (fields.length < 8 || fields.some((n) => !Number.isFinite(n))) return null;
    // user nice system idle iowait irq softirq steal (guest time is already inside user)
    const total = fields.slice(0, 8).reduce((a, b) => a + b, 0);
    return { steal: fields[7] ?? 0, total };
  } catch {
    return null;
  }
}

/** Starts measuring; the function returned says the steal share since then, as "7.3%", or "n/a". */
export function stealMeter(): () => string {
  const start = cpuTotals();
  return () => {
    const end = cpuTotals();
    if (!start || !end || end.total <= start.total) return 'n/a';
    return `${((100 * (end.steal - start.steal)) / (end.total - start.total)).toFixed(1)}%`;
  };
}
