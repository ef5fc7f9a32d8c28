/** Printing the sync benchmark's results: one block per scenario, and Markdown tables for the READMEs. */
import type { ScenarioResult, SystemRequests } from './sync';

const fmt = (x: number | undefined, d = 1) =>
	x === undefined || !Number.isFinite(x)
		? '—'
		: x.toLocaleString('en-US', { maximumFractionDigits: d });

function routes(r: SystemRequests): string {
	return Object.entries(r.byRoute)
		.sort((a, b) => b[1].count - a[1].count)
		.map(([route, c]) => `${route} ${c.perRecord}`)
		.join(', ');
}

function outcome(r: ScenarioResult): string {
	const c = r.correctness as Record<string, number>;
	if (r.flow === 'orders')
		return `${c.inSap ?? '?'}/${r.records} in SAP, ${c.duplicates ?? '?'} dup., ${c.commented ?? '?'} commented`;
	return `${c.shipped ?? '?'}/${c.deliveries ?? '?'} shipped, ${c.duplicates ?? '?'} dup., ${c.extraEmails ?? '?'} extra e-mails`;
}

export function printScenario(r: ScenarioResult): void {
	const lines = [
		`\n${r.id}: ${r.ok ? 'ok' : `FAILED: ${String(r.error).split('\n')[0]}`}`,
		`  time: sync ${fmt(r.syncSeconds)} s (n8n execution ${fmt(r.executionSeconds)} s, process ${fmt(r.processSeconds)} s); ${fmt(r.recordsPerSecond)} records/s`,
	];
	if (r.floor)
		lines.push(
			`  latency floor ${fmt(r.floor.floorSeconds)} s, ratio ${fmt(r.floor.ratio, 2)}` +
				(r.sessions === 'serial'
					? `; at one request per session: floor ${fmt(r.floor.serialFloorSeconds)} s, ratio ${fmt(r.floor.serialRatio, 2)}`
					: '') +
				(r.floor.unattributed ? ` (${r.floor.unattributed} requests outside any node)` : ''),
		);
	lines.push(
		`  SAP ${r.requests.sap.perRecord}/record (${routes(r.requests.sap) || 'none'}); logins ${r.logins}`,
		`  Magento ${r.requests.magento.perRecord}/record (${routes(r.requests.magento) || 'none'})`,
	);
	if (r.requests.sql.total) lines.push(`  SQL ${r.requests.sql.total} queries`);
	lines.push(
		`  peak RSS n8n+runner ${fmt(r.memory.peakTreeMb, 0)} MB until stored (whole CLI process ${fmt(r.memory.processPeakTreeMb, 0)} MB); run data ${fmt((r.execution?.dataChars ?? 0) / 1e6)} M chars${r.cli.printFailed ? '; the CLI failed to print it (exit 1)' : ''}`,
		`  ${outcome(r)}`,
	);
	for (const n of r.floor?.nodes ?? [])
		lines.push(
			`    ${n.node}: ${fmt(n.activeSeconds)} s in ${n.runs} run(s), ${n.requests} requests, Σ latency ${fmt(n.latencySeconds)} s ÷ ${n.concurrency} = floor ${fmt(n.floorSeconds)} s`,
		);
	if (r.summary) lines.push(`  summary: ${JSON.stringify(r.summary)}`);
	if (r.idle)
		lines.push(
			`  idle run: ${r.idle.ok ? '' : `FAILED ${r.idle.error}; `}n8n execution ${fmt(r.idle.executionSeconds)} s (process ${fmt(r.idle.processSeconds)} s), requests SAP ${r.idle.requests.sap}, Magento ${r.idle.requests.magento}, SQL ${r.idle.requests.sql}; ${JSON.stringify(r.idle.byRoute)}`,
		);
	console.log(lines.join('\n'));
}

const label = (r: ScenarioResult) =>
	`${r.flow} ${r.impl}${r.flow === 'shipments' ? (r.source === 'sqlServer' ? ', SQL source' : ', SL source') : ''}${r.sessions === 'serial' ? ', one request per session' : ''}`;

export function markdownTables(report: {
	date: string;
	commit?: string;
	machine: Record<string, unknown>;
	command: string;
	results: ScenarioResult[];
}): string {
	const rows = [...report.results].sort(
		(a, b) =>
			a.flow.localeCompare(b.flow) ||
			a.source.localeCompare(b.source) ||
			a.profile.localeCompare(b.profile) ||
			a.records - b.records ||
			a.impl.localeCompare(b.impl) ||
			a.sessions.localeCompare(b.sessions),
	);
	const m = report.machine;
	const out = [
		`# Sync benchmark, ${report.date.slice(0, 10)}`,
		'',
		`${report.command}; commit ${report.commit ?? '?'}; ${m.cpus} × ${m.cpuModel}, ${m.memoryGb} GB, ${m.platform}.`,
		'',
		'| flow | records | profile | sync time (s) | latency floor (s) | ratio | SAP req./record | Magento req./record | SQL queries | SAP logins | peak RSS n8n+runner (MB) | result |',
		'| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
	];
	for (const r of rows)
		out.push(
			`| ${label(r)} | ${fmt(r.records, 0)} | ${r.profile} | ${fmt(r.syncSeconds)} | ${fmt(r.floor?.floorSeconds)} | ${fmt(r.floor?.ratio, 2)} | ${r.requests.sap.perRecord} | ${r.requests.magento.perRecord} | ${r.requests.sql.total || '—'} | ${r.logins} | ${fmt(r.memory.peakTreeMb, 0)} | ${r.ok ? outcome(r) : `failed: ${String(r.error).split('\n')[0].slice(0, 80)}`} |`,
		);
	const idle = rows.filter((r) => r.idle);
	if (idle.length) {
		out.push(
			'',
			'Idle run right after:',
			'',
			'| flow | records | profile | n8n execution (s) | requests SAP / Magento / SQL | by route |',
			'| --- | ---: | --- | ---: | --- | --- |',
		);
		for (const r of idle)
			out.push(
				`| ${label(r)} | ${fmt(r.records, 0)} | ${r.profile} | ${fmt(r.idle!.executionSeconds)} | ${r.idle!.requests.sap} / ${r.idle!.requests.magento} / ${r.idle!.requests.sql} | ${Object.entries(
					r.idle!.byRoute,
				)
					.map(([k, v]) => `${k} ${v}`)
					.join(', ')} |`,
			);
	}
	const detail = rows.filter((r) => r.floor && r.records === 1000);
	if (detail.length) {
		out.push(
			'',
			'Where the time goes (1 000 records): per node, active time, requests, Σ latency ÷ concurrency = floor:',
			'',
		);
		for (const r of detail) {
			out.push(
				`- **${label(r)}, ${r.profile}** (sync ${fmt(r.syncSeconds)} s, floor ${fmt(r.floor!.floorSeconds)} s):`,
			);
			for (const n of r.floor!.nodes)
				out.push(
					`  - ${n.node}: ${fmt(n.activeSeconds)} s, ${n.requests} requests (${
						Object.entries(n.byRoute)
							.map(([k, v]) => `${k} ${v}`)
							.join(', ') || 'none'
					}), ${fmt(n.latencySeconds)} s ÷ ${n.concurrency} = ${fmt(n.floorSeconds)} s`,
				);
		}
	}
	return out.join('\n') + '\n';
}
