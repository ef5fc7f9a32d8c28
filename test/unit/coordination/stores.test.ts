/**
 * The two coordination stores keep the same promises: one lease holder at a time (atomically,
 * under concurrent acquires), expiry and renewal, fenced commits (a run whose lease was lost never
 * overwrites a newer state), and record claims. Redis runs for real (redis-server on a free port).
 */
import { ProcessStore, resetProcessStore } from '../../../nodes/shared/coordination/processStore';
import { RedisStore } from '../../../nodes/shared/coordination/redisStore';
import type { CoordinationStore, Holder } from '../../../nodes/shared/coordination/types';
import { startRedis, type RedisServer } from '../../helpers/redis';

const holder = (executionId: string): Holder => ({ executionId, since: new Date().toISOString() });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let redis: RedisServer;
const redisStores: RedisStore[] = [];
beforeAll(async () => {
	redis = await startRedis();
});
afterAll(async () => {
	for (const store of redisStores) await store.close();
	await redis.stop();
});

const kinds: Array<[string, () => Promise<CoordinationStore>]> = [
	['process memory', async () => new ProcessStore()],
	[
		'Redis',
		async () => {
			const store = await RedisStore.connect({ host: '127.0.0.1', port: redis.port });
			redisStores.push(store);
			return store;
		},
	],
];

let n = 0;
describe.each(kinds)('coordination store: %s', (_name, open) => {
	let key: string;
	beforeEach(() => {
		resetProcessStore();
		key = `test:${process.pid}:${++n}`;
	});

	it('gives the lease to exactly one of 20 concurrent acquirers, and says who holds it', async () => {
		const stores = await Promise.all(Array.from({ length: 20 }, () => open()));
		const results = await Promise.all(
			stores.map((s, i) => s.acquire(key, holder(`e${i}`), 10_000)),
		);
		const winners = results.filter((r) => r.acquired);
		expect(winners).toHaveLength(1);
		const winner = winners[0] as Extract<(typeof results)[number], { acquired: true }>;
		for (const r of results.filter((x) => !x.acquired))
			expect(r).toMatchObject({
				acquired: false,
				heldBy: { executionId: winner.lease.executionId, token: winner.lease.token },
			});
	});

	it('expires an unrenewed lease; renewal keeps it; release frees it; tokens only grow', async () => {
		const s = await open();
		const a = await s.acquire(key, holder('a'), 150);
		if (!a.acquired) throw new Error('a must acquire');
		await sleep(100);
		expect(await s.renew(key, a.lease.token, 150)).toBe(true);
		await sleep(100);
		expect((await s.acquire(key, holder('b'), 150)).acquired).toBe(false); // renewed: still held
		await sleep(200);
		const b = await s.acquire(key, holder('b'), 1000); // expired
		if (!b.acquired) throw new Error('b must acquire after expiry');
		expect(b.lease.token).toBeGreaterThan(a.lease.token);
		expect(await s.renew(key, a.lease.token, 1000)).toBe(false); // a lost it
		await s.release(key, a.lease.token); // a cannot release b's lease
		expect((await s.acquire(key, holder('c'), 1000)).acquired).toBe(false);
		await s.release(key, b.lease.token);
		expect((await s.acquire(key, holder('c'), 1000)).acquired).toBe(true);
	});

	it('fences commits: a run whose lease ran out and was taken over cannot write its older state', async () => {
		const s = await open();
		const a = await s.acquire(key, holder('a'), 100);
		if (!a.acquired) throw new Error();
		const base = (await s.load(key))?.version ?? 0;
		await sleep(150); // a is slow: its lease runs out
		const b = await s.acquire(key, holder('b'), 5000);
		if (!b.acquired) throw new Error();
		expect(await s.commit(key, a.lease.token, base, base + 1, { by: 'a' })).toMatchObject({
			committed: false,
			reason: 'held',
		});
		expect(await s.commit(key, b.lease.token, base, base + 1, { by: 'b' })).toEqual({
			committed: true,
			version: base + 1,
		});
		expect(await s.load(key)).toEqual({ version: base + 1, value: { by: 'b' } });
		// b's commit gave the lease up; a, now without a holder in the way, still started from an older version.
		expect(await s.commit(key, a.lease.token, base, base + 1, { by: 'a' })).toMatchObject({
			committed: false,
			reason: 'stale',
		});
		expect((await s.load(key))?.value).toEqual({ by: 'b' });
		// A run whose lease merely ran out, with nobody committing meanwhile, may still commit.
		const c = await s.acquire(key, holder('c'), 50);
		if (!c.acquired) throw new Error();
		await sleep(100);
		expect(await s.commit(key, c.lease.token, base + 1, base + 2, { by: 'c' })).toEqual({
			committed: true,
			version: base + 2,
		});
	});

	it('claims records: those another live holder has are reported and not taken; claims expire and can be released', async () => {
		const s = await open();
		expect([...(await s.claim(key, ['1', '2'], holder('a'), 5000)).keys()]).toEqual([]);
		const busy = await s.claim(key, ['2', '3'], holder('b'), 5000);
		expect([...busy.keys()]).toEqual(['2']);
		expect(busy.get('2')?.executionId).toBe('a');
		expect([...(await s.claim(key, ['3'], holder('c'), 5000)).keys()]).toEqual(['3']); // b took 3
		expect([...(await s.claim(key, ['1'], holder('a'), 5000)).keys()]).toEqual([]); // a again: its own
		await s.unclaim(key, ['1', '2'], holder('a'));
		expect([...(await s.claim(key, ['1', '2'], holder('c'), 50)).keys()]).toEqual([]);
		await sleep(100);
		expect([...(await s.claim(key, ['1', '2'], holder('d'), 5000)).keys()]).toEqual([]); // c's expired
	});
});
