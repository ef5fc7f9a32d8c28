/**
 * The naive alternative the stock benchmark compares the template with: what an integrator builds
 * from n8n's core nodes. Manual Trigger → HTTP Request POST /Login → HTTP Request GET Items (every
 * page, following @odata.nextLink) → Code node (one item per SAP item: available = Σ InStock −
 * Committed, the price of list 1) → Loop Over Items (one SKU at a time) → HTTP Request PUT
 * /V1/products/{sku}/stockItems/1 → HTTP Request POST /V1/products/base-prices with that SKU's
 * price → back to the loop. Every SKU is sent every run: there is no comparison with what Magento
 * holds. `loop: false` leaves the loop out: n8n's HTTP Request node then sends the requests of all
 * its items at once (no limit on requests in flight).
 */
export const NAIVE_STOCK_WORKFLOW_ID = 'benchNaiveStock';

export interface NaiveStockOptions {
	magentoUrl: string;
	/** Integration access token sent as Bearer (Magento's enable_integration_as_bearer on). */
	magentoToken: string;
	/** Service Layer root, e.g. http://127.0.0.1:PORT/b1s/v2. */
	serviceLayerUrl: string;
	companyDb: string;
	user: string;
	password: string;
	/** Items per Service Layer page. */
	pageSize?: number;
	/** One SKU at a time through Loop Over Items (default), or every item's request at once. */
	loop?: boolean;
}

const LOGIN = 'SAP: Login';
const LOOP = 'Loop Over Items';

const TO_ROWS = `const out = [];
for (const page of $input.all()) {
  for (const item of page.json.value || []) {
    const stock = (item.ItemWarehouseInfoCollection || []).reduce((s, w) => s + w.InStock - w.Committed, 0);
    const price = (item.ItemPrices || []).find((p) => p.PriceList === 1);
    out.push({ json: { sku: item.ItemCode, qty: Math.max(0, stock), price: price ? price.Price : null } });
  }
}
return out;`;

function node(
	name: string,
	type: string,
	typeVersion: number,
	x: number,
	parameters: Record<string, unknown>,
) {
	return {
		id: name.replace(/[^A-Za-z0-9]/g, '').slice(0, 20),
		name,
		type,
		typeVersion,
		position: [x, 300],
		parameters,
	};
}

const withAlwaysOutputData = <T extends object>(n: T) => ({ ...n, alwaysOutputData: true });

const headers = (...pairs: Array<[string, string]>) => ({
	sendHeaders: true,
	headerParameters: { parameters: pairs.map(([name, value]) => ({ name, value })) },
});

export function naiveStockWorkflow(o: NaiveStockOptions): Record<string, unknown> {
	const bearer: [string, string] = ['Authorization', `Bearer ${o.magentoToken}`];
	const loop = o.loop !== false;
	const row = loop ? `$('${LOOP}').item.json` : `$('Stock and Price per SKU').item.json`;
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
		node('SAP: Get Items', 'n8n-nodes-base.httpRequest', 4.2, 440, {
			method: 'GET',
			url: `${o.serviceLayerUrl}/Items?$select=ItemCode,ItemWarehouseInfoCollection,ItemPrices&$filter=SalesItem eq 'tYES' and InventoryItem eq 'tYES'&$orderby=ItemCode`,
			...headers(
				['Cookie', `=B1SESSION={{ $('${LOGIN}').item.json.SessionId }}`],
				['Prefer', `odata.maxpagesize=${o.pageSize ?? 200}`],
			),
			options: {
				pagination: {
					pagination: {
						paginationMode: 'responseContainsNextURL',
						nextURL: `={{ '${o.serviceLayerUrl}/' + $response.body['@odata.nextLink'] }}`,
						paginationCompleteWhen: 'other',
						completeExpression: `={{ !$response.body['@odata.nextLink'] }}`,
						limitPagesFetched: true,
						maxRequests: 10000,
					},
				},
			},
		}),
		node('Stock and Price per SKU', 'n8n-nodes-base.code', 2, 660, {
			mode: 'runOnceForAllItems',
			language: 'javaScript',
			jsCode: TO_ROWS,
		}),
		...(loop
			? [node(LOOP, 'n8n-nodes-base.splitInBatches', 3, 770, { batchSize: 1, options: {} })]
			: []),
		node('Magento: Update Stock', 'n8n-nodes-base.httpRequest', 4.2, 880, {
			method: 'PUT',
			url: `=${o.magentoUrl}/rest/default/V1/products/{{ encodeURIComponent($json.sku) }}/stockItems/1`,
			sendBody: true,
			specifyBody: 'json',
			jsonBody:
				'={{ JSON.stringify({ stockItem: { qty: $json.qty, is_in_stock: $json.qty > 0 } }) }}',
			...headers(bearer),
			options: {},
		}),
		// Magento answers [] when every price was saved: without Always Output Data the loop would stop there.
		withAlwaysOutputData(
			node('Magento: Update Price', 'n8n-nodes-base.httpRequest', 4.2, 1100, {
				method: 'POST',
				url: `${o.magentoUrl}/rest/default/V1/products/base-prices`,
				sendBody: true,
				specifyBody: 'json',
				jsonBody: `={{ JSON.stringify({ prices: [{ sku: ${row}.sku, price: ${row}.price, store_id: 0 }] }) }}`,
				...headers(bearer),
				options: {},
			}),
		),
	];
	const to = (name: string) => ({ node: name, type: 'main', index: 0 });
	return {
		id: NAIVE_STOCK_WORKFLOW_ID,
		name: 'Benchmark: naive stock and price sync (HTTP Request nodes)',
		active: false,
		nodes,
		connections: {
			'Manual Trigger': { main: [[to(LOGIN)]] },
			[LOGIN]: { main: [[to('SAP: Get Items')]] },
			'SAP: Get Items': { main: [[to('Stock and Price per SKU')]] },
			...(loop
				? {
						'Stock and Price per SKU': { main: [[to(LOOP)]] },
						[LOOP]: { main: [[], [to('Magento: Update Stock')]] },
						'Magento: Update Price': { main: [[to(LOOP)]] },
					}
				: { 'Stock and Price per SKU': { main: [[to('Magento: Update Stock')]] } }),
			'Magento: Update Stock': { main: [[to('Magento: Update Price')]] },
		},
		settings: { executionOrder: 'v1' },
	};
}
