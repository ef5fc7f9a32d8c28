#!/usr/bin/env node
// n8n's own checks of a community package, as `npm test` runs them (after the build):
//   node scripts/n8n-checks.js lint   `n8n-node lint` (@n8n/node-cli: ESLint with n8n's config, see
//                                     eslint.config.mjs) over the repository
//   node scripts/n8n-checks.js scan   @n8n/scan-community-package's analysis, as its CLI runs it after
//                                     downloading a published version: the packed tarball
//                                     (`**/*.js`, package.json) and the sources (package.json, nodes/,
//                                     credentials/), each linted by the scanner's `analyzePackage`
// Each prints every finding and fails on any that is not one of the findings kept on purpose
// (KEPT below, explained in the README under "n8n's checks and the verified programme").
// The scanner's provenance check needs a version published from GitHub Actions
// (no publish workflow in this repository yet), so it cannot run here.
'use strict';
const { spawnSync, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const root = path.resolve(__dirname, '..');

/** Findings n8n reports for this package by design. */
const KEPT = [
	{
		rule: '@n8n/community-nodes/no-restricted-imports',
		message: /'mssql'/,
		reason:
			'mssql at runtime: SAP B1 Shipments and SAP B1 Items read deliveries and items straight from SQL Server',
	},
	{
		rule: '@n8n/community-nodes/no-restricted-imports',
		message: /'ioredis'/,
		reason:
			"ioredis at runtime: the Redis coordination store (queue mode), with n8n's redis credential",
	},
	{
		rule: '@n8n/community-nodes/no-runtime-dependencies',
		file: /(^|\/)package\.json$/,
		reason: 'the two runtime dependencies above (mssql, ioredis)',
	},
];

const stripAnsi = (text) => text.replace(/\x1b\[[0-9;]*m/g, '');

/** Findings from ESLint's "stylish" output: a file line, then `line:col  severity  message  rule`. */
function parseStylish(text, base) {
	const findings = [];
	let file;
	for (const raw of stripAnsi(text).split('\n')) {
		if (/^\/\S/.test(raw.trim()) && !/^\s/.test(raw)) {
			file = path.relative(base, raw.trim());
			continue;
		}
		const m = /^\s+(\d+):(\d+)\s+(error|warning)\s+(.+?)\s+(\S+)\s*$/.exec(raw);
		if (m && file !== undefined)
			findings.push({ file, line: Number(m[1]), severity: m[3], message: m[4], rule: m[5] });
	}
	return findings;
}

const keptBy = (f) =>
	KEPT.find(
		(k) =>
			k.rule === f.rule &&
			(k.severity ?? 'error') === f.severity &&
			(!k.message || k.message.test(f.message)) &&
			(!k.file || k.file.test(f.file)),
	);

function report(title, findings) {
	const blocking = findings.filter((f) => !keptBy(f));
	for (const f of findings) {
		const kept = keptBy(f);
		const where = `${f.leg ? `${f.leg}:` : ''}${f.file}:${f.line}`;
		console.log(
			`  ${kept ? 'kept   ' : 'BLOCKS '} ${f.severity} ${f.rule}  ${where}  ${f.message}${kept ? `  (${kept.reason})` : ''}`,
		);
	}
	console.log(
		`${title}: ${findings.length} findings, ${findings.length - blocking.length} kept on purpose, ${blocking.length} blocking`,
	);
	return blocking.length === 0;
}

function lint() {
	const bin = path.join(root, 'node_modules', '.bin', 'n8n-node');
	const r = spawnSync(bin, ['lint'], { cwd: root, encoding: 'utf8', env: process.env });
	const output = `${r.stdout ?? ''}\n${r.stderr ?? ''}`;
	const findings = parseStylish(output, root);
	if (r.status !== 0 && findings.length === 0) {
		process.stdout.write(output);
		console.error('n8n-node lint failed without findings');
		return false;
	}
	return report('n8n-node lint', findings);
}

/** The files of the sources the scanner reads (its SOURCE_FILE_PATTERNS), from the working tree. */
function copySources(target) {
	const listed = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], {
		cwd: root,
		encoding: 'utf8',
	})
		.split('\0')
		.filter((f) => f && fs.existsSync(path.join(root, f)));
	for (const file of listed) {
		if (file !== 'package.json' && !/^(nodes|credentials)\//.test(file)) continue;
		fs.mkdirSync(path.dirname(path.join(target, file)), { recursive: true });
		fs.copyFileSync(path.join(root, file), path.join(target, file));
	}
}

/** What the tarball must and must not contain (n8n's review reads it too). */
function checkTarball(files) {
	const problems = [];
	for (const f of files) {
		if (!/^(package\.json|README\.md|LICENSE|dist\/.+|workflows\/[^/]+\.json)$/.test(f))
			problems.push(`unexpected file in the tarball: ${f}`);
		if (/tsbuildinfo$|\.map$/.test(f)) problems.push(`build by-product in the tarball: ${f}`);
	}
	for (const needed of ['LICENSE', 'README.md', 'package.json'])
		if (!files.includes(needed)) problems.push(`${needed} missing from the tarball`);
	for (const p of problems) console.log(`  BLOCKS ${p}`);
	return problems.length === 0;
}

async function scan() {
	const scannerDir = path.dirname(
		require.resolve('@n8n/scan-community-package/package.json', { paths: [root] }),
	);
	const version = require(path.join(scannerDir, 'package.json')).version;
	const scanner = await import(pathToFileURL(path.join(scannerDir, 'scanner', 'scanner.mjs')).href);
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-scan-'));
	try {
		// The tarball, unpacked as the scanner's CLI does (tar --strip-components=1).
		const packed = JSON.parse(
			execFileSync('npm', ['pack', '--json', '--silent', '--pack-destination', tmp], {
				cwd: root,
				encoding: 'utf8',
				stdio: ['ignore', 'pipe', 'inherit'],
			}),
		)[0];
		const packageDir = path.join(tmp, 'package');
		fs.mkdirSync(packageDir);
		execFileSync('tar', ['-xzf', packed.filename, '-C', packageDir, '--strip-components=1'], {
			cwd: tmp,
		});
		// The sources, found by name as the CLI finds them in the attested commit.
		const sourceTop = path.join(tmp, 'source');
		copySources(sourceTop);
		const sourceDir = scanner.findPackageRoot(sourceTop, packed.name);
		if (!sourceDir) throw new Error(`no package.json named ${packed.name} among the sources`);

		console.log(
			`@n8n/scan-community-package ${version} on ${packed.name}@${packed.version} (${packed.entryCount} files, ${(packed.size / 1024).toFixed(1)} kB packed)`,
		);
		const legs = [
			{ leg: 'source', dir: sourceDir, patterns: scanner.SOURCE_FILE_PATTERNS },
			{ leg: 'tarball', dir: packageDir, patterns: ['**/*.js', 'package.json'] },
		];
		const findings = [];
		let passed = true;
		for (const leg of legs) {
			const result = await scanner.analyzePackage(leg.dir, leg.patterns);
			passed &&= result.passed;
			if (result.error) throw result.error;
			for (const f of parseStylish(result.details ?? '', leg.dir))
				findings.push({ ...f, leg: leg.leg });
		}
		console.log(`  the scanner's verdict: ${passed ? 'passed' : 'failed'}`);
		const tarballOk = checkTarball(packed.files.map((f) => f.path));
		return report('scan', findings) && tarballOk;
	} finally {
		fs.rmSync(tmp, { recursive: true, force: true });
	}
}

async function main() {
	const what = process.argv[2];
	const ok = what === 'lint' ? lint() : what === 'scan' ? await scan() : undefined;
	if (ok === undefined) {
		console.error('usage: node scripts/n8n-checks.js lint|scan');
		process.exit(2);
	}
	process.exit(ok ? 0 : 1);
}

main().catch((error) => {
	console.error(error);
	process.exit(2);
});
