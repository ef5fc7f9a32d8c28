// Once per e2e run: install n8n (cached outside the repo) and pack + install this package.
// Tests get the paths through N8N_E2E_INSTALL.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureN8n, installPackage } from './n8n';

export default async function globalSetup(): Promise<void> {
	const { nodeBin, n8nBin, readerNodeBin } = ensureN8n();
	const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-e2e-pkg-'));
	const nodesTemplate = installPackage(workDir);
	process.env.N8N_E2E_INSTALL = JSON.stringify({ nodeBin, n8nBin, readerNodeBin, nodesTemplate });
}
