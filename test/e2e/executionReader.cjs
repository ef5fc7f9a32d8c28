/**
 * Reads an execution that n8n stored in its SQLite database (`<user folder>/.n8n/database.sqlite`,
 * tables `execution_entity` and `execution_data`, run data in flatted format), so that tests,
 * the demo and the benchmarks never depend on `n8n execute` printing the run (it prints the
 * whole run data as one JSON string, which is cut off or fails with "RangeError: Invalid string
 * length" on large runs). Runs under a Node 24 (built-in `node:sqlite`): the one that runs n8n 2.x,
 * the cached one for n8n 1.x (whose Node 20 lacks it). Reads the schemas of both.
 *
 *   node executionReader.cjs '{"db":"…/database.sqlite","workflowId":"wf","createdAfter":"2026-12-01 10:00:00.000",
 *                              "nodes":["Commit"] | null, "items":true|false|["Commit"]}'
 *     → one JSON line (times ISO 8601): {found, id, status, finished, mode, startedAt, stoppedAt, createdAt, jsonSizeBytes,
 *        dataChars, lastNodeExecuted, error, nodes: {name: [{startTime, executionTime, executionStatus,
 *        itemCounts, error?, items?}]}}
 *   node executionReader.cjs '{"list":true,"db":…,"workflowId":…,"createdAfter":…,"nodes":["Commit"]}'
 *     → one JSON line: every execution of the workflow (oldest first) as {id, status, mode, startedAt,
 *       stoppedAt, jsonSizeBytes, dataChars, lastNodeExecuted, items: {node: first output's items of
 *       its last run}} for the listed nodes (the benchmarks read each run's summary this way).
 *   node executionReader.cjs '{"watch":true,"db":…,"workflowId":…,"createdAfter":…,"intervalMs":100}'
 *     → polls until that execution is stored as finished (status other than new/running/waiting),
 *       then prints {id, status, storedAt: <epoch ms when seen>} and exits.
 *
 * Only the requested nodes are revived from the flatted array (a 10 000-order run stores some
 * 90 M characters; its per-node timings and the run summary are all a benchmark needs).
 */
'use strict';
const { DatabaseSync } = require('node:sqlite');

const spec = JSON.parse(process.argv[2] ?? '{}');
const UNFINISHED = ['new', 'running', 'waiting', 'unknown'];

/** SQLite's `YYYY-MM-DD HH:MM:SS.mmm` (UTC) as ISO 8601. */
const iso = (t) => (typeof t === 'string' && t ? `${t.replace(' ', 'T')}Z` : (t ?? undefined));

function open() {
	return new DatabaseSync(spec.db, { readOnly: true });
}

/** Columns that not every n8n has: n8n 1.x stores no `storedAt` (its run data is always in the database) nor `jsonSizeBytes`. */
const OPTIONAL_COLUMNS = ['storedAt', 'jsonSizeBytes'];

/** The optional columns for a SELECT: the column where the table has it, NULL otherwise. */
function optionalColumns(db) {
	const present = new Set(
		db
			.prepare('PRAGMA table_info(execution_entity)')
			.all()
			.map((c) => c.name),
	);
	return OPTIONAL_COLUMNS.map((c) => (present.has(c) ? c : `NULL AS ${c}`));
}

function latest(db) {
	const optional = optionalColumns(db);
	return db
		.prepare(
			`SELECT id, status, finished, mode, startedAt, stoppedAt, createdAt, ${optional.join(', ')}
			   FROM execution_entity
			  WHERE workflowId = ? AND createdAt >= ?
			  ORDER BY id DESC LIMIT 1`,
		)
		.get(spec.workflowId, spec.createdAfter ?? '');
}

function watch() {
	let db;
	const started = Date.now();
	const timer = setInterval(() => {
		try {
			db ??= open();
			const row = latest(db);
			if (row && !UNFINISHED.includes(row.status)) {
				clearInterval(timer);
				process.stdout.write(
					JSON.stringify({ id: row.id, status: row.status, storedAt: Date.now() }) + '\n',
				);
				db.close();
			}
		} catch {
			// database not created yet, or busy: try again
			db?.close();
			db = undefined;
		}
		if (spec.timeoutMs && Date.now() - started > spec.timeoutMs) {
			clearInterval(timer);
			process.exitCode = 2;
		}
	}, spec.intervalMs ?? 100);
}

/** Lazy flatted reader: entries are objects / arrays whose string fields are indexes, or strings. */
function flatted(text) {
	const input = JSON.parse(text);
	const at = (v) => (typeof v === 'string' ? input[+v] : v);
	const memo = new Map();
	const revive = (v) => {
		if (typeof v !== 'object' || v === null) return v;
		if (memo.has(v)) return memo.get(v);
		const out = Array.isArray(v) ? [] : {};
		memo.set(v, out);
		for (const k of Object.keys(v)) out[k] = revive(at(v[k]));
		return out;
	};
	return { root: input[0], at, revive };
}

/** `items`: true (every node read), false, or the names of the nodes whose items to read. */
const withItems = (name) =>
	spec.items === true || (Array.isArray(spec.items) && spec.items.includes(name));

function read() {
	const db = open();
	const row = latest(db);
	if (!row) return { found: false };
	const out = {
		found: true,
		id: row.id,
		status: row.status,
		finished: Boolean(row.finished),
		mode: row.mode,
		startedAt: iso(row.startedAt),
		stoppedAt: iso(row.stoppedAt),
		createdAt: iso(row.createdAt),
		storedAt: row.storedAt,
		jsonSizeBytes: row.jsonSizeBytes,
	};
	if (row.storedAt && row.storedAt !== 'db') {
		out.unreadable = `run data stored in '${row.storedAt}', not in the database`;
		return out;
	}
	const data = db.prepare('SELECT data FROM execution_data WHERE executionId = ?').get(row.id);
	db.close();
	if (!data) return out;
	out.dataChars = data.data.length;
	const { root, at, revive } = flatted(data.data);
	if (!root || typeof root !== 'object') {
		// An execution killed before n8n saved its run (e.g. a benchmark's timeout) keeps no run data.
		out.unreadable = `no run data stored (${data.data.slice(0, 80)})`;
		return out;
	}
	const resultData = at(root.resultData) ?? {};
	out.lastNodeExecuted = revive(at(resultData.lastNodeExecuted));
	out.error = revive(at(resultData.error));
	const runData = at(resultData.runData) ?? {};
	out.nodes = {};
	for (const name of Object.keys(runData)) {
		if (spec.nodes && !spec.nodes.includes(name)) continue;
		const tasks = at(runData[name]) ?? [];
		out.nodes[name] = tasks.map((ref) => {
			const task = at(ref);
			const main = at(at(task.data)?.main) ?? [];
			const outputs = main.map((o) => at(o));
			return {
				startTime: task.startTime,
				executionTime: task.executionTime,
				executionStatus: revive(at(task.executionStatus)),
				itemCounts: outputs.map((o) => (Array.isArray(o) ? o.length : 0)),
				...(task.error !== undefined ? { error: revive(at(task.error)) } : {}),
				...(withItems(name)
					? { items: outputs.map((o) => (Array.isArray(o) ? o.map((i) => revive(at(i))) : [])) }
					: {}),
			};
		});
	}
	return out;
}

/** Every execution of the workflow, oldest first, with the first output of the listed nodes' last run. */
function list() {
	const db = open();
	const rows = db
		.prepare(
			`SELECT id, status, mode, startedAt, stoppedAt, ${optionalColumns(db).join(', ')}
			   FROM execution_entity
			  WHERE workflowId = ? AND createdAt >= ?
			  ORDER BY id`,
		)
		.all(spec.workflowId, spec.createdAfter ?? '');
	const dataOf = db.prepare('SELECT data FROM execution_data WHERE executionId = ?');
	const out = rows.map((row) => {
		const e = {
			id: row.id,
			status: row.status,
			mode: row.mode,
			startedAt: iso(row.startedAt),
			stoppedAt: iso(row.stoppedAt),
			jsonSizeBytes: row.jsonSizeBytes,
			items: {},
		};
		const data = row.storedAt === 'db' || !row.storedAt ? dataOf.get(row.id) : undefined;
		if (!data) return e;
		e.dataChars = data.data.length;
		const { root, at, revive } = flatted(data.data);
		if (!root || typeof root !== 'object') return e;
		const resultData = at(root.resultData) ?? {};
		e.lastNodeExecuted = revive(at(resultData.lastNodeExecuted));
		const runData = at(resultData.runData) ?? {};
		for (const name of spec.nodes ?? []) {
			const tasks = at(runData[name]);
			if (!tasks?.length) continue;
			const task = at(tasks[tasks.length - 1]);
			const first = at((at(at(task.data)?.main) ?? [])[0]);
			e.items[name] = Array.isArray(first) ? first.map((i) => revive(at(i))) : [];
		}
		return e;
	});
	db.close();
	return out;
}

if (spec.watch) watch();
else if (spec.list) process.stdout.write(JSON.stringify(list()) + '\n');
else process.stdout.write(JSON.stringify(read()) + '\n');
