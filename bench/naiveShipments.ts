/**
 * The naive shipments flow the benchmark compares the shipments template with: what an
 * integrator builds from n8n's core nodes alone. Manual Trigger → HTTP Request POST /Login →
 * HTTP Request GET DeliveryNotes (with a tracking number, not cancelled, changed since a date;
 * `Prefer: odata.maxpagesize=0`, all in one page) → Split Out the deliveries → Loop Over Items
 * one at a time: HTTP Request GET the delivery's sales order (its NumAtCard is the web order
 * number), HTTP Request GET the Magento order by increment id, HTTP Request GET its shipments
 * (already shipped with this tracking number?), IF not → HTTP Request POST /V1/order/:id/ship
 * (all items, the tracking number, notify; a refused ship continues the loop).
 */
import { headers, node } from './naiveWorkflow';

export const NAIVE_SHIPMENTS_ID = 'benchNaiveShipments';

export interface NaiveShipmentsOptions {
	/** Magento store base URL (REST under /rest/default/V1). */
	magentoUrl: string;
	/** Integration access token sent as Bearer (Magento's enable_integration_as_bearer on). */
	magentoToken: string;
	/** Service Layer root, e.g. http://127.0.0.1:PORT/b1s/v2. */
	serviceLayerUrl: string;
	companyDb: string;
	user: string;
	password: string;
	/** Deliveries updated on or after this date ('YYYY-MM-DD'). */
	updatedSince: string;
}

const LOOP = 'Loop Over Deliveries';
const LOGIN = 'SAP: Login';
const FIND = 'Magento: Find Order';
const cookie = `=B1SESSION={{ $('${LOGIN}').first().json.SessionId }}`;
const sc = 'searchCriteria';
const filter = (field: string, value: string) => ({
	parameters: [
		{ name: `${sc}[filter_groups][0][filters][0][field]`, value: field },
		{ name: `${sc}[filter_groups][0][filters][0][value]`, value },
		{ name: `${sc}[filter_groups][0][filters][0][condition_type]`, value: 'eq' },
	],
});

export function naiveShipmentsWorkflow(o: NaiveShipmentsOptions): Record<string, unknown> {
	const magento = `${o.magentoUrl}/rest/default/V1`;
	const bearer = headers(['Authorization', `Bearer ${o.magentoToken}`]);
	const delivery = `$('${LOOP}').item.json`;
	const nodes = [
		node('Manual Trigger', 'n8n-nodes-base.manualTrigger', 1, 0, {}),
		node(LOGIN, 'n8n-nodes-base.httpRequest', 4.2, 220, {
			method: 'POST',
			url: `${o.serviceLayerUrl}/Login`,
			sendBody: true,
			specifyBody: 'json',
			jsonBody: JSON.stringify({ CompanyDB: o.companyDb, UserName: o.user, Password: o.password }),
			options: {},
		}),
		node('SAP: Get Deliveries', 'n8n-nodes-base.httpRequest', 4.2, 440, {
			method: 'GET',
			url: `${o.serviceLayerUrl}/DeliveryNotes`,
			sendQuery: true,
			queryParameters: {
				parameters: [
					{ name: '$select', value: 'DocEntry,DocNum,TrackingNumber,DocumentLines' },
					{
						name: '$filter',
						value: `TrackingNumber ne '' and CancelStatus eq 'csNo' and UpdateDate ge '${o.updatedSince}'`,
					},
				],
			},
			...headers(['Cookie', cookie], ['Prefer', 'odata.maxpagesize=0']),
			options: {},
		}),
		node('Split Out Deliveries', 'n8n-nodes-base.splitOut', 1, 660, {
			fieldToSplitOut: 'value',
			include: 'noOtherFields',
			options: {},
		}),
		node(LOOP, 'n8n-nodes-base.splitInBatches', 3, 880, { batchSize: 1, options: {} }),
		node('SAP: Get Sales Order', 'n8n-nodes-base.httpRequest', 4.2, 1100, {
			method: 'GET',
			url: `=${o.serviceLayerUrl}/Orders({{ ${delivery}.DocumentLines[0].BaseEntry }})?$select=DocEntry,NumAtCard`,
			...headers(['Cookie', cookie]),
			options: {},
		}),
		node(FIND, 'n8n-nodes-base.httpRequest', 4.2, 1320, {
			method: 'GET',
			url: `${magento}/orders`,
			sendQuery: true,
			queryParameters: filter('increment_id', '={{ $json.NumAtCard }}'),
			...bearer,
			options: {},
		}),
		node('Magento: Get Shipments', 'n8n-nodes-base.httpRequest', 4.2, 1540, {
			method: 'GET',
			url: `${magento}/shipments`,
			sendQuery: true,
			queryParameters: filter('order_id', '={{ $json.items[0].entity_id }}'),
			...bearer,
			options: {},
		}),
		node('Not Shipped Yet?', 'n8n-nodes-base.if', 2.2, 1760, {
			conditions: {
				options: { caseSensitive: true, leftValue: '', typeValidation: 'loose', version: 2 },
				conditions: [
					{
						id: 'notShipped',
						leftValue: `={{ ($json.items || []).some(s => (s.tracks || []).some(t => t.track_number === ${delivery}.TrackingNumber)) }}`,
						rightValue: '',
						operator: { type: 'boolean', operation: 'false', singleValue: true },
					},
				],
				combinator: 'and',
			},
			options: {},
		}),
		{
			...node('Magento: Ship', 'n8n-nodes-base.httpRequest', 4.2, 1980, {
				method: 'POST',
				url: `=${magento}/order/{{ $('${FIND}').item.json.items[0].entity_id }}/ship`,
				sendBody: true,
				specifyBody: 'json',
				jsonBody: `={{ JSON.stringify({ notify: true, tracks: [{ track_number: ${delivery}.TrackingNumber, title: 'Carrier', carrier_code: 'custom' }] }) }}`,
				...bearer,
				options: {},
			}),
			onError: 'continueRegularOutput',
		},
	];
	const to = (name: string, index = 0) => ({ node: name, type: 'main', index });
	return {
		id: NAIVE_SHIPMENTS_ID,
		name: 'Benchmark: naive shipments sync (HTTP Request nodes)',
		active: false,
		nodes,
		connections: {
			'Manual Trigger': { main: [[to(LOGIN)]] },
			[LOGIN]: { main: [[to('SAP: Get Deliveries')]] },
			'SAP: Get Deliveries': { main: [[to('Split Out Deliveries')]] },
			'Split Out Deliveries': { main: [[to(LOOP)]] },
			[LOOP]: { main: [[], [to('SAP: Get Sales Order')]] },
			'SAP: Get Sales Order': { main: [[to(FIND)]] },
			[FIND]: { main: [[to('Magento: Get Shipments')]] },
			'Magento: Get Shipments': { main: [[to('Not Shipped Yet?')]] },
			'Not Shipped Yet?': { main: [[to('Magento: Ship')], [to(LOOP)]] },
			'Magento: Ship': { main: [[to(LOOP)]] },
		},
		settings: { executionOrder: 'v1' },
	};
}
