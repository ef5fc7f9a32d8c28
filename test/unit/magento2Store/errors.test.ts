import { NodeApiError, type INode } from 'n8n-workflow';
import {
	fillPlaceholders,
	magentoApiError,
	magentoErrorMessage,
} from '../../../nodes/Magento2Store/transport/errors';

const node: INode = {
	id: '1',
	name: 'Magento',
	type: 'x',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

describe('Magento error messages', () => {
	it('fills %1 placeholders from an array and %name from an object', () => {
		expect(
			fillPlaceholders('A shipment cannot be created when an order has a status of %1', ['holded']),
		).toBe('A shipment cannot be created when an order has a status of holded');
		expect(fillPlaceholders('%1 and %2 and %10', ['a', 'b'])).toBe('a and b and %10');
		expect(
			fillPlaceholders('No such entity with %fieldName = %fieldValue', {
				fieldName: 'orderId',
				fieldValue: 999,
			}),
		).toBe('No such entity with orderId = 999');
		expect(
			fillPlaceholders("The consumer isn't authorized to access %resources.", {
				resources: 'Magento_Sales::actions_view',
			}),
		).toBe("The consumer isn't authorized to access Magento_Sales::actions_view.");
		expect(fillPlaceholders('keep %1', undefined)).toBe('keep %1');
	});

	it('reads message, parameters and nested errors; strips HTML bodies', () => {
		expect(
			magentoErrorMessage({
				message: 'Validation failed',
				errors: [
					{
						message: 'We found an invalid quantity to ship for item "%1".',
						parameters: ['Joust Duffle Bag'],
					},
				],
			}),
		).toBe('Validation failed (We found an invalid quantity to ship for item "Joust Duffle Bag".)');
		expect(magentoErrorMessage('<html><body><h1>503 Service Unavailable</h1></body></html>')).toBe(
			'503 Service Unavailable',
		);
		expect(magentoErrorMessage(undefined)).toBeUndefined();
	});

	it('builds a NodeApiError from plain values, suggesting OAuth 1.0a when a bearer token is refused', () => {
		const error = magentoApiError(
			node,
			{
				status: 401,
				body: {
					message: "The consumer isn't authorized to access %resources.",
					parameters: { resources: 'Magento_Sales::actions_view' },
				},
				message: 'x',
			},
			{ subject: 'Order 000000101', itemIndex: 3, authType: 'bearer' },
		);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe(
			"Order 000000101: The consumer isn't authorized to access Magento_Sales::actions_view.",
		);
		expect(error.description).toMatch(/OAuth 1\.0a/);
		expect(error.httpCode).toBe('401');
		expect(error.context.itemIndex).toBe(3);
		const network = magentoApiError(node, { code: 'ECONNRESET', message: 'socket hang up' }, {});
		expect(network.message).toBe('Magento 2 could not be reached (ECONNRESET)');
	});
});
