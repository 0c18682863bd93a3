// Where a process's CPU went, from a V8 CPU profile (what `profiled` records under BENCH_CPU_PROFILE): each sample's
// own function, sorted by where that function lives. Printed per unit of work (a sign-up, a raw update), so the rush
// and the raw updates can be set side by side: what the API adds beyond the store client's own cost per operation.

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
}

export interface CpuProfile {
  nodes: ProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
}

export const SHARES = [
  'AWS SDK',
  'Node',
  'garbage collection',
  'other native',
  'our code',
  'other packages',
] as const;
export type Share = (typeof SHARES)[number] | 'idle';

/** Which share a function's own time belongs to. */
export function shareOf(frame: ProfileNode['callFrame']): Share {
  const { url, functionName } = frame;
  if (/node_modules\/@(smithy|aws-sdk)\//.test(url)) return 'AWS SDK';
  if (url.includes('node_modules/')) return 'other packages';
  if (url.startsWith('node:')) return 'Node';
  if (/\/(functions|infra|shared|tests)\//.test(url)) return 'our code';
  if (functionName === '(idle)') return 'idle';
  if (functionName === '(garbage collector)') return 'garbage collection';
  return 'other native';
}

/** Milliseconds of CPU per share over the profile (idle included, under its own name). */
export function cpuShares(profile: CpuProfile): Record<Share, number> {
  const shareById = new Map(profile.nodes.map((n) => [n.id, shareOf(n.callFrame)]));
  const out = Object.fromEntries([...SHARES, 'idle'].map((s) => [s, 0])) as Record<Share, number>;
  (profile.samples ?? []).forEach((id, i) => {
    out[shareById.get(id) ?? 'other native'] += (profile.timeDeltas?.[i] ?? 0) / 1000;
  });
  return out;
}

/** One line: each busy share in ms per unit, and their sum. */
export function describeShares(shares: Record<Share, number>, units: number, unitName: string): string {
  const busy = SHARES.reduce((sum, s) => sum + shares[s], 0);
  const parts = SHARES.map((s) => `${s} ${(shares[s] / units).toFixed(2)}`);
  return `busy ${(busy / units).toFixed(2)} ms per ${unitName} (profiled): ${parts.join(', ')}`;
}
