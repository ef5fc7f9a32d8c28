import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { MagentoClient } from '../transport/MagentoClient';

/** Store views (GET /V1/store/storeViews), for the store filter. */
export async function getStoreViews(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const client = await MagentoClient.create(this, { retries: 1 });
	const views = await client.get<Array<{ id: number; code: string; name: string }>>(
		'/store/storeViews',
		undefined,
		{ kind: 'array' },
	);
	return views
		.filter((v) => Number(v.id) !== 0)
		.map((v) => ({ name: `${v.name} (${v.code})`, value: String(v.id) }));
}

/** MSI sources (GET /V1/inventory/sources), for the Source Code of stock updates. */
export async function getSources(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const client = await MagentoClient.create(this, { retries: 1 });
	const { items } = await client.search<{ source_code: string; name?: string; enabled?: boolean }>(
		'/inventory/sources',
		{},
		{ key: 'source_code', pageSize: 100 },
	);
	return items.map((s) => ({
		name: `${s.name ?? s.source_code} (${s.source_code})${s.enabled === false ? ' — disabled' : ''}`,
		value: s.source_code,
	}));
}
