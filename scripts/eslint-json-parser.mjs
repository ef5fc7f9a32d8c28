// Lets n8n's community package.json rules (which inspect the object literal) run on package.json:
// parses `(<json>)` with typescript-eslint's parser, then shifts every position back by the one
// character the parenthesis added, so reported locations match the file.
import { parseForESLint as parseTs } from '@typescript-eslint/parser';

function shift(node, seen = new Set()) {
	if (!node || typeof node !== 'object' || seen.has(node)) return;
	seen.add(node);
	if (Array.isArray(node.range))
		node.range = [Math.max(0, node.range[0] - 1), Math.max(0, node.range[1] - 1)];
	if (node.loc) {
		for (const end of ['start', 'end']) {
			const p = node.loc[end];
			if (p && p.line === 1) node.loc[end] = { ...p, column: Math.max(0, p.column - 1) };
		}
	}
	for (const [key, value] of Object.entries(node)) {
		if (key === 'parent' || key === 'loc' || key === 'range') continue;
		if (value && typeof value === 'object') shift(value, seen);
	}
}

export function parseForESLint(code, options) {
	const result = parseTs(`(${code})`, {
		...options,
		filePath: 'package.json.ts',
		range: true,
		loc: true,
		tokens: true,
		comment: true,
	});
	shift(result.ast);
	result.ast.range = [0, code.length];
	return result;
}
export default { parseForESLint };
