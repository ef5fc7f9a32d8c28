/**
 * Runs `worker` over `inputs` with at most `limit` calls in flight and returns the results in
 * input order. Used by every node to bound the requests sent to SAP and Magento.
 */
export async function mapWithConcurrency<T, R>(
	inputs: readonly T[],
	limit: number,
	worker: (input: T, index: number) => Promise<R>,
): Promise<R[]> {
	const results = new Array<R>(inputs.length);
	let next = 0;
	const lanes = Math.max(1, Math.min(Math.floor(limit) || 1, inputs.length));
	const runLane = async () => {
		while (next < inputs.length) {
			const index = next++;
			results[index] = await worker(inputs[index], index);
		}
	};
	await Promise.all(Array.from({ length: lanes }, runLane));
	return results;
}

/** Splits `inputs` into chunks of at most `size` elements. */
export function chunk<T>(inputs: readonly T[], size: number): T[][] {
	const chunks: T[][] = [];
	const step = Math.max(1, Math.floor(size));
	for (let i = 0; i < inputs.length; i += step) chunks.push(inputs.slice(i, i + step));
	return chunks;
}
