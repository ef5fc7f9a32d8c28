#!/usr/bin/env node
// `npm run bench`: installs the dev dependencies on a fresh clone, then runs the benchmarks
// (bench/README.md). Never part of `npm test`.
//   npm run bench                 — the sync benchmark, whole matrix (bench/sync.ts; hours)
//   npm run bench -- --quick      — 100 records of every flow and profile (minutes)
//   npm run bench -- --flows orders --records 1000 --profiles realistic --impl template
//                    [--sources sl,sql] [--sessions parallel,serial] [--match <regex>] [--resume]
//                    [--out bench/results/mine.local.json] [--timeout-s 3600]
//   npm run bench -- chaos [--orders 1000] [--runs 3] [--seed 1]   — both templates under faults
//   npm run bench -- stock [--skus 10000] [--changed 0.01] [--only template|naive]   — stock and prices template vs naive per-SKU PUTs
//   npm run bench -- scheduled [--records 100,1000,10000] [--profile flat]   — the orders template as shipped, a backlog in bounded runs inside one n8n start
const { spawnSync } = require('node:child_process');
const path = require('node:path');

require('./bootstrap')();
const root = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const scripts = { chaos: 'chaos.ts', stock: 'stockSync.ts', scheduled: 'scheduled.ts' };
const script = scripts[args[0]] ?? 'sync.ts';
const r = spawnSync(
	'npx',
	['--no-install', 'tsx', path.join('bench', script), ...(scripts[args[0]] ? args.slice(1) : args)],
	{
		cwd: root,
		stdio: 'inherit',
	},
);
process.exit(r.status ?? 1);
