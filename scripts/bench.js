#!/usr/bin/env node
// `npm run bench`: installs the dev dependencies on a fresh clone, then runs bench/ordersSync.ts.
//   npm run bench                         — 100 and 1 000 orders, template vs naive HTTP Request workflow
//   npm run bench -- --orders 100,1000,10000 [--sap-latency 20] [--magento-latency 10] [--login-latency 300]
//                    [--only template|naive] [--out bench/results/mine.local.json] [--timeout-s 3600]
const { spawnSync } = require('node:child_process');
const path = require('node:path');

require('./bootstrap')();
const root = path.resolve(__dirname, '..');
const r = spawnSync(
	'npx',
	['--no-install', 'tsx', path.join('bench', 'ordersSync.ts'), ...process.argv.slice(2)],
	{
		cwd: root,
		stdio: 'inherit',
	},
);
process.exit(r.status ?? 1);
