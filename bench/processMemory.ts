/**
 * Peak memory of a process and of its descendants (n8n 2.x starts a task-runner child for Code
 * nodes), read from /proc every `intervalMs` while it runs. Linux only; figures in kB.
 */
import fs from 'node:fs';

export interface PeakMemory {
	/** VmHWM (peak resident set) of the process itself, as last read before it exited. */
	peakRssKb: number;
	/** Largest sum of VmRSS over the process and its descendants seen in one sample. */
	peakTreeRssKb: number;
	samples: number;
}

function statusField(pid: number, field: 'VmHWM' | 'VmRSS'): number | undefined {
	try {
		const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(
			fs.readFileSync(`/proc/${pid}/status`, 'utf8'),
		);
		return m ? Number(m[1]) : undefined;
	} catch {
		return undefined; // exited
	}
}

function children(pid: number): number[] {
	const out: number[] = [];
	let tasks: string[] = [];
	try {
		tasks = fs.readdirSync(`/proc/${pid}/task`);
	} catch {
		return out;
	}
	for (const tid of tasks) {
		try {
			for (const c of fs.readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').split(/\s+/))
				if (c) out.push(Number(c));
		} catch {
			// thread gone
		}
	}
	return out;
}

function treeRss(root: number): number {
	let total = 0;
	const seen = new Set<number>();
	const stack = [root];
	while (stack.length > 0 && seen.size < 1000) {
		const pid = stack.pop()!;
		if (seen.has(pid)) continue;
		seen.add(pid);
		total += statusField(pid, 'VmRSS') ?? 0;
		stack.push(...children(pid));
	}
	return total;
}

/**
 * Starts sampling `pid`; `stop()` ends it and returns the peaks; `until(t)` gives the peaks of
 * the samples taken up to epoch ms `t` (e.g. until n8n had stored the execution, before the
 * CLI printed it).
 */
export function sampleMemory(
	pid: number,
	intervalMs = 100,
): { stop(): PeakMemory; until(t: number): PeakMemory } {
	const peak: PeakMemory = { peakRssKb: 0, peakTreeRssKb: 0, samples: 0 };
	const timeline: Array<{ t: number; hwm: number; tree: number }> = [];
	const sample = () => {
		const hwm = statusField(pid, 'VmHWM');
		if (hwm === undefined) return;
		const tree = treeRss(pid);
		peak.peakRssKb = Math.max(peak.peakRssKb, hwm);
		peak.peakTreeRssKb = Math.max(peak.peakTreeRssKb, tree);
		peak.samples++;
		timeline.push({ t: Date.now(), hwm, tree });
	};
	sample();
	const timer = setInterval(sample, intervalMs);
	return {
		stop() {
			clearInterval(timer);
			return { ...peak };
		},
		until(t: number) {
			const upTo = timeline.filter((s) => s.t <= t);
			return {
				peakRssKb: upTo.reduce((m, s) => Math.max(m, s.hwm), 0),
				peakTreeRssKb: upTo.reduce((m, s) => Math.max(m, s.tree), 0),
				samples: upTo.length,
			};
		},
	};
}
