/**
 * The publish workflow (.github/workflows/publish.yml) cannot run here (it needs GitHub Actions
 * and npm): this checks what can be checked locally. It publishes with a provenance statement,
 * from a job allowed to mint the OIDC token, only after the full test run, and its tag check
 * (run here with bash) refuses a tag that is not the package version.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const root = path.resolve(__dirname, '..', '..', '..');
const workflow = parse(
	fs.readFileSync(path.join(root, '.github', 'workflows', 'publish.yml'), 'utf8'),
);
const job = workflow.jobs.publish;
const steps: Array<{ name?: string; run?: string; uses?: string }> = job.steps;
const indexOf = (pattern: RegExp) => steps.findIndex((s) => pattern.test(s.run ?? ''));

describe('publish workflow', () => {
	it('runs on version tags only', () => {
		expect(Object.keys(workflow.on)).toEqual(['push']);
		expect(workflow.on.push.tags).toEqual(['v*.*.*']);
	});

	it('publishes with provenance from a job that may mint the OIDC token, after the tests', () => {
		expect(job.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
		const publish = indexOf(/npm publish/);
		expect(steps[publish].run).toMatch(/^npm publish --provenance --access public$/m);
		expect(indexOf(/npm publish/)).toBe(steps.length - 1);
		expect(indexOf(/^bash \.ci\/run$/)).toBeGreaterThan(-1);
		expect(indexOf(/^bash \.ci\/run$/)).toBeLessThan(publish);
		expect(steps.find((s) => s.uses?.startsWith('actions/setup-node'))).toMatchObject({
			with: { 'node-version': 20, 'registry-url': 'https://registry.npmjs.org' },
		});
	});

	it('refuses a tag that is not the package version', () => {
		const check = steps[indexOf(/GITHUB_REF_NAME/)].run!;
		const version = require(path.join(root, 'package.json')).version;
		const run = (tag: string) =>
			spawnSync('bash', ['-e', '-c', check], {
				cwd: root,
				env: { ...process.env, GITHUB_REF_NAME: tag },
				encoding: 'utf8',
			});
		expect(run(`v${version}`).status).toBe(0);
		const wrong = run('v99.0.0');
		expect(wrong.status).toBe(1);
		expect(wrong.stdout).toContain(`tag v99.0.0 does not match package.json version ${version}`);
	});
});
