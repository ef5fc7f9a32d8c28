/** Searchable lists (resource locators) backed by the Service Layer. */
import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { odataString } from '../../../shared/odata';
import { ServiceLayerClient, nextLinkOf } from '../transport/ServiceLayerClient';

/** Business partners whose code or name contains the filter text (escaped), 50 per page. */
export async function searchBusinessPartners(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const text = (filter ?? '').trim();
	const client = await ServiceLayerClient.create(this);
	const list = { kind: 'list', field: 'value' } as const;
	let body: IDataObject;
	if (paginationToken) {
		body = await client.request('GET', paginationToken, {
			headers: { Prefer: 'odata.maxpagesize=50' },
			expect: list,
		});
	} else {
		const qs: IDataObject = { $select: 'CardCode,CardName,CardType', $orderby: 'CardCode' };
		if (text) {
			const literal = odataString(text);
			qs.$filter = `contains(CardCode,${literal}) or contains(CardName,${literal})`;
		}
		body = await client.request('GET', '/BusinessPartners', {
			qs,
			headers: { Prefer: 'odata.maxpagesize=50' },
			expect: list,
		});
	}
	const rows = body.value as IDataObject[];
	return {
		results: rows.map((r) => ({
			name: `${String(r.CardCode)} - ${String(r.CardName ?? '')}`,
			value: String(r.CardCode),
		})),
		paginationToken: nextLinkOf(body),
	};
}
