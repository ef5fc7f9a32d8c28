/**
 * Overlapping runs of Magento 2 Store → Create Shipment for the same delivery (Run Now during a
 * scheduled run, two workers, a run whose checkpoint lease ran out): one shipment and one customer
 * e-mail, whichever run gets there first; in this process's memory and across processes in Redis.
 */
import type { IDataObject } from 'n8n-workflow';
import { Magento2StoreApi } from '../../../credentials/Magento2StoreApi.credentials';
import { Magento2Store } from '../../../nodes/Magento2Store/Magento2Store.node';
import type { MagentoEmulator } from '../../emulators/magento';
import { magentoCredential, redisCredentialType } from '../../helpers/credentials';
import { runNode } from '../../helpers/n8n';
import { startRedis, type RedisServer } from '../../helpers/redis';
import { FAST, start } from './setup';

// A partial delivery: one of the two bags of order 000000101 (Magento would accept a second one).
const partial = (coordination: string): IDataObject => ({
	resource: 'shipment',
	operation: 'create',
	orderId: '000000101',
	itemsMode: 'bySku',
	lines: { line: [{ sku: '24-MB01', qty: 1 }] },
	tracks: { track: [{ trackNumber: '1Z-OVERLAP-1', carrierCode: 'ups', title: 'UPS' }] },
	notify: true,
	coordination,
	options: FAST,
});

describe('Magento 2 Store: overlapping Create Shipment runs', () => {
	let m: MagentoEmulator;
	let redis: RedisServer;
	beforeAll(async () => {
		m = await start();
		redis = await startRedis();
	});
	afterAll(async () => {
		await m.close();
		await redis.stop();
	});
	beforeEach(() => m.reset());

	const ship = (coordination: string, executionId: string) =>
		runNode(new Magento2Store(), {
			parameters: partial(coordination),
			credentials: {
				magento2StoreApi: magentoCredential(m),
				redis: { host: '127.0.0.1', port: redis.port },
			},
			credentialTypes: [new Magento2StoreApi(), redisCredentialType],
			executionId,
		});

	it.each([
		['process', 2],
		['process', 3],
		['redis', 2],
		['redis', 3],
	])(
		'%s: %i concurrent runs of one partial delivery make one shipment and one e-mail',
		async (coordination, runs) => {
			// Slow ships, so that every run is in flight while the first one posts.
			m.setFaultPlan({
				rules: [{ kind: 'latency', method: 'POST', path: /\/ship$/, latencyMs: 150 }],
			});
			const results = await Promise.all(
				Array.from({ length: runs }, (_, i) => ship(coordination, `exec-${i}`)),
			);
			expect(m.state.shipments.filter((s) => s.order_id === 207)).toHaveLength(1);
			expect(m.state.emails.filter((e) => e.type === 'shipment')).toHaveLength(1);
			const outputs = results.map((r) => r.json[0]);
			expect(outputs.filter((o) => o.created === true)).toHaveLength(1);
			for (const o of outputs.filter((x) => x.created === false))
				expect(o).toMatchObject({ reason: 'a shipment with this tracking number exists' });
			expect(m.stats.byRoute['POST /V1/order/:id/ship']).toBe(1);
		},
	);
});
