/**
 * Issue #11: the template tests (templatesSuite.ts) also on n8n 1.x, on Node 20 (the machine's
 * own when it is one >= 20.19). That n8n is installed into the cache here, when the file loads,
 * the first time (several minutes, outside any test's timeout).
 */
import { execFileSync } from 'node:child_process';
import { N8N1_VERSION } from './n8n';
import { installOf } from './systems';
import { templateTests } from './templatesSuite';

const install = installOf(N8N1_VERSION);
const nodeVersion = execFileSync(install.nodeBin, ['--version'], { encoding: 'utf8' }).trim();

describe(`n8n ${N8N1_VERSION} on Node ${nodeVersion}`, () => {
	it('runs on Node 20', () => {
		expect(nodeVersion).toMatch(/^v20\./);
	});

	templateTests(() => install);
});
