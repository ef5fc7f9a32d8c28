#!/usr/bin/env node
// `npm run demo`: installs the dev dependencies on a fresh clone, then runs scripts/demo/main.ts.
//   npm run demo               — the whole story, then exits
//   npm run demo -- --editor   — the same, then keeps the systems up and opens the n8n editor on them
const { spawnSync } = require('node:child_process');
const path = require('node:path');

require('./bootstrap')();
const root = path.resolve(__dirname, '..');
const r = spawnSync(
	'npx',
	['--no-install', 'tsx', path.join('scripts', 'demo', 'main.ts'), ...process.argv.slice(2)],
	{
		cwd: root,
		stdio: 'inherit',
	},
);
process.exit(r.status ?? 1);
