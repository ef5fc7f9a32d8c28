/** JSON text read without exceptions: the caller decides which error to raise (with its node and item). */
export type ParsedJson = { ok: true; value: unknown } | { ok: false; reason: string };

export function parseJson(text: string): ParsedJson {
	try {
		return { ok: true, value: JSON.parse(text) };
	} catch (error) {
		return { ok: false, reason: (error as Error).message };
	}
}
