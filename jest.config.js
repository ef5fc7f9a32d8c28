/** Two projects: `fast` (unit, emulator contract and node tests over real HTTP on loopback)
 * and `e2e` (the packed package inside a real n8n, run with the n8n CLI). */
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.test.json' }];
// Folders that scripts once wrote inside the repo (the demo's working folder, the stock benchmark's)
// hold package.json files: keep them out of jest's haste map.
const modulePathIgnorePatterns = ['<rootDir>/.demo/', '<rootDir>/.tmp/'];
module.exports = {
	projects: [
		{
			displayName: 'fast',
			modulePathIgnorePatterns,
			testEnvironment: 'node',
			// A generous timeout (the emulators, PGlite above all, start slowly on a busy 2-core
			// machine): not a performance bound, the benchmarks measure speed.
			setupFilesAfterEnv: ['<rootDir>/test/helpers/jestTimeout.ts'],
			transform: { '^.+\\.ts$': tsJest },
			testMatch: ['<rootDir>/test/**/*.test.ts'],
			testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/'],
		},
		{
			displayName: 'e2e',
			modulePathIgnorePatterns,
			testEnvironment: 'node',
			transform: { '^.+\\.ts$': tsJest },
			testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
			globalSetup: '<rootDir>/test/e2e/globalSetup.ts',
		},
	],
};
