/**
 * The outcome of some work as a value. Helpers that rethrow a failure unchanged when they cannot
 * handle it (the node's runner turns it into a NodeApiError / NodeOperationError with the item)
 * decide outside a catch clause, so an error is never swallowed or re-wrapped by accident.
 */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

export async function outcomeOf<T>(work: () => Promise<T>): Promise<Outcome<T>> {
	try {
		return { ok: true, value: await work() };
	} catch (error) {
		return { ok: false, error };
	}
}

export function outcomeOfSync<T>(work: () => T): Outcome<T> {
	try {
		return { ok: true, value: work() };
	} catch (error) {
		return { ok: false, error };
	}
}
