#!/usr/bin/env node
// `npm test`: build, n8n's checks (`n8n-node lint`, the community package scanner on the packed
// tarball), the format, type-check the tests, then the jest suites:
//   fast — unit, emulator contract and node tests over real HTTP on loopback;
//   e2e  — the packed package inside a real n8n (installed on demand into a cache outside the repo).
// Set SKIP_E2E=1 to run only the fast suite. Extra arguments are passed to jest.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
require('./bootstrap')();
{
	const r = spawnSync('bash', [path.join(root, 'scripts', 'ensure-system.sh')], {
		stdio: 'inherit',
	});
	if (r.status !== 0) process.exit(r.status ?? 1);
}
const extra = process.argv.slice(2);
const npx = (args, opts = {}) => spawnSync('npx', args, { cwd: root, stdio: 'inherit', ...opts });

function step(title, args) {
	console.log(`\n== ${title}`);
	const r =
		args[0] === 'node'
			? spawnSync(process.execPath, args.slice(1), { cwd: root, stdio: 'inherit' })
			: npx(args);
	if (r.status !== 0) {
		console.error(`\n${title} failed`);
		process.exit(r.status ?? 1);
	}
}

step('build', ['--no-install', 'tsc', '-p', 'tsconfig.json']);
step('icons and output schemas', ['--no-install', 'gulp', 'build:assets']);
step('lint (n8n-node lint)', ['node', 'scripts/n8n-checks.js', 'lint']);
step('scan (@n8n/scan-community-package)', ['node', 'scripts/n8n-checks.js', 'scan']);
step('format', ['--no-install', 'prettier', '--check', '--log-level', 'warn', '.']);
step('type-check tests', ['--no-install', 'tsc', '-p', 'tsconfig.test.json']);

let passed = 0;
let failed = 0;
let status = 0;
const projects = process.env.SKIP_E2E === '1' ? ['fast'] : ['fast', 'e2e'];
for (const project of projects) {
	console.log(`\n== jest: ${project}`);
	const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'jest-')), 'result.json');
	const args = [
		'--no-install',
		'jest',
		'--selectProjects',
		project,
		'--json',
		`--outputFile=${out}`,
	];
	if (project === 'e2e') args.push('--runInBand');
	const r = npx([...args, ...extra]);
	if (fs.existsSync(out)) {
		const result = JSON.parse(fs.readFileSync(out, 'utf8'));
		passed += result.numPassedTests;
		failed += result.numFailedTests;
		if (result.numTotalTests === 0 && extra.length === 0) {
			console.error(`no ${project} tests ran`);
			status = 1;
		}
	}
	if (r.status !== 0) status = r.status ?? 1;
}
console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exit(status);
