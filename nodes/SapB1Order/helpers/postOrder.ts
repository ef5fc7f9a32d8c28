/**
 * POST /Orders without ever creating the same web order twice: a timeout, reset or 500/502/504
 * may come after SAP committed the order, so before sending again we look the web order number
 * up; when it is there, that is our order.
 */
import { sleep, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';
import { slFailureOf, slIsTransient, slMayHaveCommitted, slRequest } from '../../SapB1/transport/serviceLayer';
import type { RunOptions } from './runOptions';
import { findOrdersByWebOrderNumbers } from './webOrders';

export interface PostedOrder {
	document: IDataObject;
	/** True when SAP answered the POST; false when a lost answer's order was found afterwards. */
	answered: boolean;
}

export async function postOrder(
	ctx: IExecuteFunctions,
	document: IDataObject,
	webOrderField: string,
	webOrderNumber: string,
	itemIndex: number,
	run: RunOptions,
): Promise<PostedOrder> {
	const errorContext = webOrderNumber ? `Web order ${webOrderNumber}` : `Item ${itemIndex}`;
	for (let attempt = 0; ; attempt++) {
		try {
			const created = await slRequest<IDataObject>(ctx, 'POST', '/Orders', { body: document, itemIndex, retry: false, errorContext });
			return { document: created, answered: true };
		} catch (error) {
			if (attempt >= run.retries || !slIsTransient(error)) throw error;
			const uncertain = slMayHaveCommitted(error);
			// Without a web order number we cannot tell whether SAP committed: don't risk a duplicate.
			if (uncertain && !webOrderNumber) throw error;
			const backOff = Math.min(run.retryDelayMs * 2 ** attempt, Math.max(run.retryDelayMs * 20, 1000));
			// After a timeout SAP may still be working on the POST: give it as long again before looking.
			const timedOut = /^(ETIMEDOUT|ECONNABORTED|ESOCKETTIMEDOUT)$/.test(slFailureOf(error).code ?? '');
			await sleep(timedOut ? Math.max(backOff, run.timeoutMs) : backOff);
			if (uncertain) {
				const found = await findOrdersByWebOrderNumbers(ctx, webOrderField, [webOrderNumber], itemIndex);
				const existing = found.get(webOrderNumber);
				if (existing) return { document: existing, answered: false };
			}
		}
	}
}
