// Installs the dev dependencies on a fresh clone, so `npm test` and `npm run demo` work as the
// first command (npm itself needs nothing to start a script).
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

module.exports = function bootstrap() {
	const root = path.resolve(__dirname, '..');
	const marker = path.join(root, 'node_modules', '.package-lock.json');
	const lock = path.join(root, 'package-lock.json');
	if (fs.existsSync(marker) && fs.statSync(marker).mtimeMs >= fs.statSync(lock).mtimeMs) return;
	console.log('== installing dev dependencies (npm ci)');
	const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
	if (r.status !== 0) process.exit(r.status ?? 1);
};
