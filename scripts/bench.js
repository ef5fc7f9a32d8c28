#!/usr/bin/env node
// `npm run bench`: installs the dev dependencies on a fresh clone, then runs bench/ordersSync.ts.
//   npm run bench                         — 100 and 1 000 orders, template vs naive HTTP Request workflow
//   npm run bench -- chaos [--orders 1000] [--runs 3] [--seed 1]   — both templates under faults: lost / duplicated / extra e-mails
//   npm run bench -- stock [--skus 10000] [--changed 0.01] [--only template|naive]   — stock and prices template vs naive per-SKU PUTs
//   npm run bench -- --orders 100,1000,10000 [--sap-latency 20] [--magento-latency 10] [--login-latency 300]
//                    [--only template|naive] [--out bench/results/mine.local.json] [--timeout-s 3600]
const { spawnSync } = require('node:child_process');
const path = require('node:path');

require('./bootstrap')();
const root = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const scripts = { chaos: 'chaos.ts', stock: 'stockSync.ts' };
const script = scripts[args[0]] ?? 'ordersSync.ts';
const r = spawnSync(
	'npx',
	['--no-install', 'tsx', path.join('bench', script), ...(scripts[args[0]] ? args.slice(1) : args)],
	{
		cwd: root,
		stdio: 'inherit',
	},
);
process.exit(r.status ?? 1);
