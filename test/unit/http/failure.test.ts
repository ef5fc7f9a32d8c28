/** describeHttpFailure on the errors n8n's request helpers throw, in n8n 1.x and 2.x. */
import {
	describeHttpFailure,
	isTransient,
	mayHaveCommitted,
} from '../../../nodes/shared/http/failure';

const N8N_RESET_MESSAGE =
	'The connection to the server was closed unexpectedly, perhaps it is offline. You can retry the request immediately or wait and retry later.';

describe('describeHttpFailure', () => {
	it("reads a dropped connection from NodeApiError's httpCode when its cause is gone (n8n 1.x)", () => {
		// The shape n8n 1.123's NodeApiError has for an axios ECONNRESET (socket hang up).
		const error = Object.assign(new Error(N8N_RESET_MESSAGE), {
			cause: undefined,
			httpCode: 'ECONNRESET',
			messages: ['socket hang up', 'socket hang up'],
			errorResponse: undefined,
		});
		const failure = describeHttpFailure(error);
		expect(failure.code).toBe('ECONNRESET');
		expect(failure.status).toBeUndefined();
		expect(isTransient(failure)).toBe(true);
		expect(mayHaveCommitted(failure)).toBe(true);
	});

	it('reads it from the original error in cause (n8n 2.x)', () => {
		const cause = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
		const error = Object.assign(new Error(N8N_RESET_MESSAGE), { cause, httpCode: 'ECONNRESET' });
		expect(describeHttpFailure(error)).toMatchObject({ code: 'ECONNRESET' });
	});

	it('still reads an HTTP status from a three-digit httpCode', () => {
		const error = Object.assign(new Error('Service unavailable'), { httpCode: '503' });
		expect(describeHttpFailure(error)).toMatchObject({ status: 503 });
	});
});
