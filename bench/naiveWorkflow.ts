/**
 * The naive alternative the benchmark compares the template with: what an integrator builds from
 * n8n's core nodes alone. Manual Trigger → HTTP Request (Magento orders changed since a date, 300
 * a page, bearer token) → Split Out the orders → Loop Over Items one at a time: HTTP Request
 * POST /Login to the Service Layer, HTTP Request GET Orders?$filter=NumAtCard eq '…' (already
 * there?), IF not found → Code node building a minimal document → HTTP Request POST /Orders.
 */
export const NAIVE_WORKFLOW_ID = 'benchNaiveOrders';

export interface NaiveWorkflowOptions {
	/** Magento store base URL (REST under /rest/default/V1). */
	magentoUrl: string;
	/** Integration access token sent as Bearer (Magento's enable_integration_as_bearer on). */
	magentoToken: string;
	/** Service Layer root, e.g. http://127.0.0.1:PORT/b1s/v2. */
	serviceLayerUrl: string;
	companyDb: string;
	user: string;
	password: string;
	/** Orders updated at or after this Magento UTC time ('YYYY-MM-DD HH:MM:SS'). */
	updatedSince: string;
	/** Magento page size (default 300, Magento's input limit). */
	pageSize?: number;
}

const LOOP = 'Loop Over Items';
const LOGIN = 'SAP: Login';
const cookie = `=B1SESSION={{ $('${LOGIN}').item.json.SessionId }}`;

/** Builds a minimal SAP sales order from a Magento order (runs in n8n's Code node). */
const BUILD_DOCUMENT = `const order = $('${LOOP}').item.json;
const lines = order.items
  .filter((i) => i.product_type !== 'bundle' && Number(i.price) > 0)
  .map((i) => ({ ItemCode: i.sku, Quantity: Number(i.qty_ordered), UnitPrice: Number(i.price) }));
const date = String(order.created_at).slice(0, 10);
return { json: { CardCode: 'C-WEB', DocDate: date, DocDueDate: date, NumAtCard: order.increment_id, DocumentLines: lines } };`;

export function node(
	name: string,
	type: string,
	typeVersion: number,
	x: number,
	parameters: Record<string, unknown>,
	y = 300,
) {
	return {
		id: name.replace(/[^A-Za-z0-9]/g, '').slice(0, 20),
		name,
		type,
		typeVersion,
		position: [x, y],
		parameters,
	};
}

export const headers = (...pairs: Array<[string, string]>) => ({
	sendHeaders: true,
	headerParameters: { parameters: pairs.map(([name, value]) => ({ name, value })) },
});

export function naiveWorkflow(o: NaiveWorkflowOptions): Record<string, unknown> {
	const pageSize = o.pageSize ?? 300;
	const sc = 'searchCriteria';
	const query: Array<[string, string]> = [
		[`${sc}[filter_groups][0][filters][0][field]`, 'updated_at'],
		[`${sc}[filter_groups][0][filters][0][value]`, o.updatedSince],
		[`${sc}[filter_groups][0][filters][0][condition_type]`, 'gteq'],
		[`${sc}[filter_groups][1][filters][0][field]`, 'status'],
		[`${sc}[filter_groups][1][filters][0][value]`, 'pending,processing'],
		[`${sc}[filter_groups][1][filters][0][condition_type]`, 'in'],
		[`${sc}[pageSize]`, String(pageSize)],
	];
	const nodes = [
		node('Manual Trigger', 'n8n-nodes-base.manualTrigger', 1, 0, {}),
		node('Magento: Get Orders', 'n8n-nodes-base.httpRequest', 4.2, 220, {
			method: 'GET',
			url: `${o.magentoUrl}/rest/default/V1/orders`,
			sendQuery: true,
			queryParameters: { parameters: query.map(([name, value]) => ({ name, value })) },
			...headers(['Authorization', `Bearer ${o.magentoToken}`]),
			options: {
				pagination: {
					pagination: {
						paginationMode: 'updateAParameterInEachRequest',
						parameters: {
							parameters: [
								{ type: 'qs', name: `${sc}[currentPage]`, value: '={{ $pageCount + 1 }}' },
							],
						},
						paginationCompleteWhen: 'other',
						completeExpression: `={{ ($response.body.items || []).length < ${pageSize} }}`,
						limitPagesFetched: true,
						maxRequests: 1000,
					},
				},
			},
		}),
		node('Split Out Orders', 'n8n-nodes-base.splitOut', 1, 440, {
			fieldToSplitOut: 'items',
			include: 'noOtherFields',
			options: {},
		}),
		node(LOOP, 'n8n-nodes-base.splitInBatches', 3, 660, { batchSize: 1, options: {} }),
		node(LOGIN, 'n8n-nodes-base.httpRequest', 4.2, 880, {
			method: 'POST',
			url: `${o.serviceLayerUrl}/Login`,
			sendBody: true,
			specifyBody: 'json',
			jsonBody: JSON.stringify({ CompanyDB: o.companyDb, UserName: o.user, Password: o.password }),
			options: {},
		}),
		node('SAP: Find Order', 'n8n-nodes-base.httpRequest', 4.2, 1100, {
			method: 'GET',
			url: `=${o.serviceLayerUrl}/Orders?$select=DocEntry&$filter=NumAtCard eq '{{ $('${LOOP}').item.json.increment_id }}'`,
			...headers(['Cookie', cookie]),
			options: {},
		}),
		node('Not in SAP?', 'n8n-nodes-base.if', 2.2, 1320, {
			conditions: {
				options: { caseSensitive: true, leftValue: '', typeValidation: 'loose', version: 2 },
				conditions: [
					{
						id: 'notFound',
						leftValue: '={{ $json.value.length }}',
						rightValue: 0,
						operator: { type: 'number', operation: 'equals' },
					},
				],
				combinator: 'and',
			},
			options: {},
		}),
		node('Build SAP Order', 'n8n-nodes-base.code', 2, 1540, {
			mode: 'runOnceForEachItem',
			language: 'javaScript',
			jsCode: BUILD_DOCUMENT,
		}),
		node('SAP: Create Order', 'n8n-nodes-base.httpRequest', 4.2, 1760, {
			method: 'POST',
			url: `${o.serviceLayerUrl}/Orders`,
			sendBody: true,
			specifyBody: 'json',
			jsonBody: '={{ JSON.stringify($json) }}',
			...headers(['Cookie', cookie]),
			options: {},
		}),
	];
	const to = (name: string, index = 0) => ({ node: name, type: 'main', index });
	return {
		id: NAIVE_WORKFLOW_ID,
		name: 'Benchmark: naive orders sync (HTTP Request nodes)',
		active: false,
		nodes,
		connections: {
			'Manual Trigger': { main: [[to('Magento: Get Orders')]] },
			'Magento: Get Orders': { main: [[to('Split Out Orders')]] },
			'Split Out Orders': { main: [[to(LOOP)]] },
			[LOOP]: { main: [[], [to(LOGIN)]] },
			[LOGIN]: { main: [[to('SAP: Find Order')]] },
			'SAP: Find Order': { main: [[to('Not in SAP?')]] },
			'Not in SAP?': { main: [[to('Build SAP Order')], [to(LOOP)]] },
			'Build SAP Order': { main: [[to('SAP: Create Order')]] },
			'SAP: Create Order': { main: [[to(LOOP)]] },
		},
		settings: { executionOrder: 'v1' },
	};
}
