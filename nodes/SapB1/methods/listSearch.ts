/** Searchable lists (resource locators) backed by the Service Layer. */
import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { odataString } from '../../shared/odata';
import { nextLinkOf, slRequest } from '../transport/serviceLayer';

/** Business partners whose code or name contains the filter text (escaped), 50 per page. */
export async function searchBusinessPartners(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const text = (filter ?? '').trim();
	let body: IDataObject;
	if (paginationToken) {
		body = await slRequest(this, 'GET', paginationToken, { headers: { Prefer: 'odata.maxpagesize=50' } });
	} else {
		const qs: IDataObject = { $select: 'CardCode,CardName,CardType', $orderby: 'CardCode' };
		if (text) {
			const literal = odataString(text);
			qs.$filter = `contains(CardCode,${literal}) or contains(CardName,${literal})`;
		}
		body = await slRequest(this, 'GET', '/BusinessPartners', {
			qs,
			headers: { Prefer: 'odata.maxpagesize=50' },
		});
	}
	const rows = Array.isArray(body?.value) ? (body.value as IDataObject[]) : [];
	return {
		results: rows.map((r) => ({ name: `${String(r.CardCode)} - ${String(r.CardName ?? '')}`, value: String(r.CardCode) })),
		paginationToken: nextLinkOf(body),
	};
}
