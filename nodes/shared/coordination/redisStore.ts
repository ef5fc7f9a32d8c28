/**
 * The coordination store in Redis, shared by every n8n process that uses the same Redis (e.g. the
 * Redis that n8n's queue mode already runs). Each operation is one Lua script, which Redis runs
 * atomically: no other command runs between its reads and its writes.
 *
 * Keys (below a prefix per checkpoint or per set of claims):
 *   <key>:lease   the lease as JSON {token, executionId, since, expiresAt}, with a Redis expiry
 *   <key>:fence   the fencing counter (INCR per acquisition)
 *   <key>:state   the committed state as JSON {version, value}
 *   <key>:claim:<id>  a record claim as JSON {executionId, since}, with a Redis expiry
 */
import Redis, { type RedisOptions } from 'ioredis';
import type {
	Acquired,
	CommitOutcome,
	CoordinationStore,
	Holder,
	InterruptedRun,
	Lease,
	Versioned,
} from './types';

const ACQUIRE = `
local current = redis.call('GET', KEYS[1])
if current and cjson.decode(current).executionId ~= ARGV[1] then return {0, current} end
local token = redis.call('INCR', KEYS[2])
local lease = cjson.encode({token = token, executionId = ARGV[1], since = ARGV[2], expiresAt = tonumber(ARGV[3]) + tonumber(ARGV[4])})
redis.call('SET', KEYS[1], lease, 'PX', ARGV[4])
return {1, lease}`;

const RENEW = `
local current = redis.call('GET', KEYS[1])
if not current then return 0 end
local lease = cjson.decode(current)
if tonumber(lease.token) ~= tonumber(ARGV[1]) then return 0 end
lease.expiresAt = tonumber(ARGV[2]) + tonumber(ARGV[3])
redis.call('SET', KEYS[1], cjson.encode(lease), 'PX', ARGV[3])
return 1`;

const RELEASE = `
local current = redis.call('GET', KEYS[1])
if current and tonumber(cjson.decode(current).token) == tonumber(ARGV[1]) then redis.call('DEL', KEYS[1]) end
return 1`;

const COMMIT = `
local current = redis.call('GET', KEYS[1])
if current and tonumber(cjson.decode(current).token) ~= tonumber(ARGV[1]) then return {0, 'held', current} end
local stored = redis.call('GET', KEYS[2])
local version = 0
if stored then version = tonumber(cjson.decode(stored).version) end
if version ~= tonumber(ARGV[2]) then return {0, 'stale', ''} end
redis.call('SET', KEYS[2], '{"version":' .. ARGV[3] .. ',"value":' .. ARGV[4] .. '}')
if current then redis.call('DEL', KEYS[1]) end
local note = redis.call('GET', KEYS[3])
if note and tonumber(cjson.decode(note).token) == tonumber(ARGV[1]) then redis.call('DEL', KEYS[3], KEYS[4]) end
return {1, ARGV[3], ''}`;

const TAKE_OVER_NOTES = `
local previous = redis.call('GET', KEYS[1])
local ids = {}
if previous and tonumber(cjson.decode(previous).token) ~= tonumber(ARGV[1]) then ids = redis.call('SMEMBERS', KEYS[2]) else previous = '' end
redis.call('DEL', KEYS[2])
redis.call('SET', KEYS[1], cjson.encode({token = tonumber(ARGV[1]), executionId = ARGV[2], since = ARGV[3]}), 'PX', ARGV[4])
return {previous, ids}`;

const NOTE = `
local current = redis.call('GET', KEYS[1])
if not current or tonumber(cjson.decode(current).token) ~= tonumber(ARGV[1]) then return 0 end
for i = 2, #ARGV do redis.call('SADD', KEYS[2], ARGV[i]) end
redis.call('PEXPIRE', KEYS[2], redis.call('PTTL', KEYS[1]))
return 1`;

/** How long an open run's note is kept (a dead run's note is read by the next run long before). */
const NOTE_TTL_MS = 7 * 24 * 3600_000;

const CLAIM = `
local busy = {}
for i, key in ipairs(KEYS) do
  local current = redis.call('GET', key)
  if current and cjson.decode(current).executionId ~= ARGV[1] then
    table.insert(busy, i)
    table.insert(busy, current)
  end
end
if #busy == 0 then
  local claim = cjson.encode({executionId = ARGV[1], since = ARGV[2]})
  for _, key in ipairs(KEYS) do redis.call('SET', key, claim, 'PX', ARGV[3]) end
else
  local taken = {}
  for j = 1, #busy, 2 do taken[busy[j]] = true end
  local claim = cjson.encode({executionId = ARGV[1], since = ARGV[2]})
  for i, key in ipairs(KEYS) do if not taken[i] then redis.call('SET', key, claim, 'PX', ARGV[3]) end end
end
return busy`;

const UNCLAIM = `
for _, key in ipairs(KEYS) do
  local current = redis.call('GET', key)
  if current and cjson.decode(current).executionId == ARGV[1] then redis.call('DEL', key) end
end
return 1`;

/** What n8n's Redis credential holds. */
export interface RedisCredential {
	host?: string;
	port?: number;
	user?: string;
	password?: string;
	database?: number;
	ssl?: boolean;
	disableTlsVerification?: boolean;
}

export function redisOptions(credential: RedisCredential): RedisOptions {
	const options: RedisOptions = {
		host: String(credential.host || 'localhost'),
		port: Number(credential.port) || 6379,
		db: Number(credential.database) || 0,
		lazyConnect: true,
		connectTimeout: 10_000,
		maxRetriesPerRequest: 2,
		enableOfflineQueue: true,
	};
	if (credential.user) options.username = String(credential.user);
	if (credential.password) options.password = String(credential.password);
	if (credential.ssl)
		options.tls = { rejectUnauthorized: credential.disableTlsVerification !== true };
	return options;
}

const toLease = (json: string): Lease => {
	const raw = JSON.parse(json) as Lease;
	return {
		token: Number(raw.token),
		executionId: String(raw.executionId),
		since: String(raw.since),
		expiresAt: Number(raw.expiresAt),
	};
};

export class RedisStore implements CoordinationStore {
	readonly kind = 'redis' as const;

	private constructor(private readonly redis: Redis) {}

	static async connect(credential: RedisCredential): Promise<RedisStore> {
		const redis = new Redis(redisOptions(credential));
		redis.on('error', () => undefined); // reported through the failing command
		await redis.connect();
		return new RedisStore(redis);
	}

	async acquire(key: string, holder: Holder, ttlMs: number): Promise<Acquired> {
		const [ok, json] = (await this.redis.eval(
			ACQUIRE,
			2,
			`${key}:lease`,
			`${key}:fence`,
			holder.executionId,
			holder.since,
			Date.now(),
			Math.ceil(ttlMs),
		)) as [number, string];
		return ok === 1
			? { acquired: true, lease: toLease(json) }
			: { acquired: false, heldBy: toLease(json) };
	}

	async renew(key: string, token: number, ttlMs: number): Promise<boolean> {
		return (
			(await this.redis.eval(RENEW, 1, `${key}:lease`, token, Date.now(), Math.ceil(ttlMs))) === 1
		);
	}

	async release(key: string, token: number): Promise<void> {
		await this.redis.eval(RELEASE, 1, `${key}:lease`, token);
	}

	async load<T>(key: string): Promise<Versioned<T> | undefined> {
		const json = await this.redis.get(`${key}:state`);
		return json ? (JSON.parse(json) as Versioned<T>) : undefined;
	}

	async commit<T>(
		key: string,
		token: number,
		baseVersion: number,
		newVersion: number,
		value: T,
	): Promise<CommitOutcome> {
		const [ok, detail, holder] = (await this.redis.eval(
			COMMIT,
			4,
			`${key}:lease`,
			`${key}:state`,
			`${key}:open`,
			`${key}:open:ids`,
			token,
			baseVersion,
			Math.floor(newVersion),
			JSON.stringify(value),
		)) as [number, string, string];
		if (ok === 1) return { committed: true, version: Number(detail) };
		return {
			committed: false,
			reason: detail === 'held' ? 'held' : 'stale',
			heldBy: holder ? toLease(holder) : undefined,
		};
	}

	async claim(
		key: string,
		ids: readonly string[],
		holder: Holder,
		ttlMs: number,
	): Promise<Map<string, Holder>> {
		const busy = new Map<string, Holder>();
		for (let start = 0; start < ids.length; start += 500) {
			const batch = ids.slice(start, start + 500);
			const keys = batch.map((id) => `${key}:claim:${id}`);
			const result = (await this.redis.eval(
				CLAIM,
				keys.length,
				...keys,
				holder.executionId,
				holder.since,
				Math.ceil(ttlMs),
			)) as Array<number | string>;
			for (let j = 0; j < result.length; j += 2) {
				const other = JSON.parse(String(result[j + 1])) as Holder;
				busy.set(batch[Number(result[j]) - 1], {
					executionId: String(other.executionId),
					since: String(other.since),
				});
			}
		}
		return busy;
	}

	async unclaim(key: string, ids: readonly string[], holder: Holder): Promise<void> {
		for (let start = 0; start < ids.length; start += 500) {
			const keys = ids.slice(start, start + 500).map((id) => `${key}:claim:${id}`);
			if (keys.length) await this.redis.eval(UNCLAIM, keys.length, ...keys, holder.executionId);
		}
	}

	async takeOverNotes(key: string, lease: Lease): Promise<InterruptedRun | undefined> {
		const [previous, ids] = (await this.redis.eval(
			TAKE_OVER_NOTES,
			2,
			`${key}:open`,
			`${key}:open:ids`,
			lease.token,
			lease.executionId,
			lease.since,
			NOTE_TTL_MS,
		)) as [string, string[]];
		if (!previous || ids.length === 0) return undefined;
		const run = JSON.parse(previous) as { executionId: string; since: string };
		return { executionId: String(run.executionId), since: String(run.since), ids: ids.map(String) };
	}

	async note(key: string, token: number, ids: readonly string[]): Promise<void> {
		for (let start = 0; start < ids.length; start += 1000)
			await this.redis.eval(
				NOTE,
				2,
				`${key}:open`,
				`${key}:open:ids`,
				token,
				...ids.slice(start, start + 1000),
			);
	}

	async close(): Promise<void> {
		await this.redis.quit().catch(() => this.redis.disconnect());
	}
}
