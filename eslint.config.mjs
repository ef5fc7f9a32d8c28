// n8n's own lint configuration for community nodes (`@n8n/node-cli`'s, as in n8n's node starter;
// `npm run lint` runs it through `n8n-node lint`). It applies unchanged to what the package ships
// (nodes/, credentials/, package.json). Only the code that is never shipped — tests, emulators,
// benchmarks, scripts — is relaxed: it may use Node's APIs, the console, `any` and fake secrets.
import { config } from '@n8n/node-cli/eslint';

const communityRulesOff = Object.fromEntries(
	config
		.flatMap((c) => Object.keys(c.rules ?? {}))
		.filter((rule) => rule.startsWith('@n8n/community-nodes/'))
		.map((rule) => [rule, 'off']),
);

export default [
	{ ignores: ['dist/**', 'coverage/**', '.demo/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
	...config,
	{
		files: ['test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
		rules: {
			...communityRulesOff,
			'no-console': 'off',
			'@typescript-eslint/no-explicit-any': 'off',
			'@typescript-eslint/no-require-imports': 'off',
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
			],
		},
	},
];
