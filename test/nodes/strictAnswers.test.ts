/**
 * Strict answers on every read and write the nodes make: when SAP or Magento (or a proxy, WAF or
 * maintenance page in front of them) answers 2xx with an HTML page, an empty body, text that is not
 * JSON or a truncated document, the node never takes it as "empty", "not found" or success:
 * - once: the node retries and ends exactly as without the fault (nothing missing, nothing twice);
 * - always: the item fails with a message that says what came back, and nothing is written twice.
 */
import type { IDataObject } from 'n8n-workflow';
import type { FaultRule } from '../emulators/faults';
import type { MagentoEmulator } from '../emulators/magento';
import type { ServiceLayerEmulator } from '../emulators/serviceLayer';
import { start as startMagento, run as runMagento } from './magento2Store/setup';
import {
	createFromMagento,
	credentialsFor as slCredentials,
	magentoOrders,
	ordersByWeb,
	run as runOrder,
	startSl,
} from './sapB1Order/setup';
import { run as runShipments } from './sapB1Shipments/setup';

type Kind = 'html' | 'empty' | 'nonJson' | 'truncated';
const KINDS: Kind[] = ['html', 'empty', 'nonJson', 'truncated'];
const SAYS: Record<Kind, RegExp> = {
	html: /Unexpected answer.*HTTP 200 \(text\/html\) with an HTML page "Site under maintenance"/,
	empty: /Unexpected answer.*HTTP 200 with an empty body/,
	nonJson: /Unexpected answer.*HTTP 200 \(text\/plain\) with "OK"/,
	truncated: /Unexpected answer.*HTTP 20[01] \(application\/json\) with "\{/,
};
const rule = (kind: Kind, method: string, path: RegExp, times?: number): FaultRule => ({
	kind,
	method,
	path,
	...(times ? { times } : {}),
});
const FAST = { retries: 2, retryDelayMs: 1, timeout: 3000 };

describe('strict answers: SAP B1 Service Layer', () => {
	let sl: ServiceLayerEmulator;
	beforeAll(async () => {
		sl = await startSl();
	});
	afterAll(async () => sl.close());
	beforeEach(() => sl.reset());
	const creds = () => slCredentials(sl);
	const create = (continueOnFail = true) =>
		runOrder(
			sl,
			creds(),
			createFromMagento({ options: FAST }),
			magentoOrders('000000101', '000000102'),
			continueOnFail,
		);
	const live = (web: string) => ordersByWeb(sl, web).filter((o) => o.Cancelled !== 'tYES');

	describe.each(KINDS)('%s', (kind) => {
		it('Create: the batched lookup of web orders', async () => {
			await create();
			const before = sl.state.Orders.length;
			sl.setFaultPlan({ rules: [rule(kind, 'GET', /\/Orders$/, 1)] });
			const again = await create();
			expect(again.json.map((j) => j.created)).toEqual([false, false]);
			sl.setFaultPlan({ rules: [rule(kind, 'GET', /\/Orders$/)] });
			const broken = await create();
			for (const j of broken.json) expect(String(j.error)).toMatch(SAYS[kind]);
			expect(sl.state.Orders.length).toBe(before); // never read as "not in SAP"
		});

		it('Create: the answer of the POST (after SAP committed it when truncated) and the re-check', async () => {
			sl.setFaultPlan({ rules: [rule(kind, 'POST', /\/Orders$/, 1)] });
			const result = await create();
			expect(result.json.map((j) => j.created)).toEqual([true, true]);
			expect(live('000000101')).toHaveLength(1);
			expect(live('000000102')).toHaveLength(1);
		});

		it('Get, Get by web order number and Get Many', async () => {
			await create();
			const entry = live('000000101')[0].DocEntry;
			const get = (extra: IDataObject) =>
				runOrder(
					sl,
					creds(),
					{ resource: 'order', operation: 'get', options: FAST, ...extra },
					[{}],
					true,
				);
			sl.setFaultPlan({ rules: [rule(kind, 'GET', /\/Orders/, 1)] });
			expect((await get({ docEntry: entry })).json[0]).toMatchObject({ DocEntry: entry });
			sl.setFaultPlan({ rules: [rule(kind, 'GET', /\/Orders/)] });
			expect(String((await get({ docEntry: entry })).json[0].error)).toMatch(SAYS[kind]);
			expect(
				String((await get({ by: 'webOrderNumber', webOrderNumber: '000000101' })).json[0].error),
			).toMatch(SAYS[kind]);
			const many = await runOrder(
				sl,
				creds(),
				{ resource: 'order', operation: 'getMany', returnAll: true, options: FAST },
				[{}],
				true,
			);
			expect(many.json).toHaveLength(1);
			expect(String(many.json[0].error)).toMatch(SAYS[kind]);
		});

		it('Shipments (Service Layer source): delivery pages, base orders and carriers', async () => {
			const all = await runShipments(
				{ sapB1ServiceLayerApi: creds().sapB1ServiceLayerApi },
				'serviceLayer',
				{ operation: 'getMany', returnAll: true, options: FAST },
			);
			for (const path of [/\/DeliveryNotes$/, /\/Orders$/, /\/ShippingTypes$/]) {
				sl.setFaultPlan({ rules: [rule(kind, 'GET', path, 1)] });
				const once = await runShipments(
					{ sapB1ServiceLayerApi: creds().sapB1ServiceLayerApi },
					'serviceLayer',
					{ operation: 'getMany', returnAll: true, options: FAST },
				);
				expect(once.json).toEqual(all.json); // no delivery dropped, none "not a web order"
				sl.setFaultPlan({ rules: [rule(kind, 'GET', path)] });
				const broken = await runShipments(
					{ sapB1ServiceLayerApi: creds().sapB1ServiceLayerApi },
					'serviceLayer',
					{ operation: 'getMany', returnAll: true, options: FAST },
					[{}],
					true,
				);
				expect(broken.json).toHaveLength(1);
				expect(String(broken.json[0].error)).toMatch(SAYS[kind]);
			}
		});
	});
});

describe('strict answers: Magento 2', () => {
	let m: MagentoEmulator;
	beforeAll(async () => {
		m = await startMagento();
	});
	afterAll(async () => m.close());
	beforeEach(() => m.reset());
	const ship = (continueOnFail = true) =>
		runMagento(
			m,
			{
				resource: 'shipment',
				operation: 'create',
				orderId: '000000101',
				tracks: { track: [{ trackNumber: '1Z-STRICT', carrierCode: 'ups' }] },
				options: FAST,
			},
			{ continueOnFail },
		);

	describe.each(KINDS)('%s', (kind) => {
		it('Create Shipment: the order search, the shipment list and the POST', async () => {
			for (const [method, path] of [
				['GET', /\/V1\/orders$/],
				['GET', /\/V1\/shipments$/],
				['POST', /\/ship$/],
			] as const) {
				m.reset();
				m.setFaultPlan({ rules: [rule(kind, method, path, 1)] });
				const once = await ship();
				expect(once.json[0]).toMatchObject({ created: true });
				expect(m.state.shipments).toHaveLength(1);
				expect(m.state.emails).toHaveLength(1);
				// A shipment list that cannot be read is never "no shipments": no second shipment, no second e-mail.
				if (method === 'GET') {
					m.setFaultPlan({ rules: [rule(kind, method, path)] });
					const broken = await ship();
					expect(String(broken.json[0].error)).toMatch(SAYS[kind]);
					expect(String(broken.json[0].error)).not.toMatch(/not found/);
					expect(m.state.shipments).toHaveLength(1);
					expect(m.state.emails).toHaveLength(1);
				}
			}
		});

		it('Get, Get Many and Add Comment', async () => {
			m.setFaultPlan({ rules: [rule(kind, 'GET', /\/V1\/orders/)] });
			const get = await runMagento(
				m,
				{ resource: 'order', operation: 'get', orderId: '000000101', options: FAST },
				{ continueOnFail: true },
			);
			expect(String(get.json[0].error)).toMatch(SAYS[kind]);
			const many = await runMagento(
				m,
				{ resource: 'order', operation: 'getMany', returnAll: true, options: FAST },
				{ continueOnFail: true },
			);
			expect(many.json).toHaveLength(1);
			expect(String(many.json[0].error)).toMatch(SAYS[kind]);
			m.setFaultPlan({ rules: [rule(kind, 'POST', /\/comments$/, 1)] });
			const comment = await runMagento(m, {
				resource: 'order',
				operation: 'addComment',
				orderIdType: 'entityId',
				orderId: '207',
				comment: 'strict',
				options: FAST,
			});
			expect(comment.json[0]).toMatchObject({ success: true });
			const order = m.state.orders.find((o) => o.entity_id === 207)!;
			expect(order.status_histories.filter((h) => h.comment === 'strict')).toHaveLength(1);
		});
	});
});
