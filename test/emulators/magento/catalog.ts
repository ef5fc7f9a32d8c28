/**
 * The product catalogue as far as the nodes read it: `GET /V1/products/{sku}` and
 * `GET /V1/products?searchCriteria…` (Catalog `ProductRepositoryInterface::get` / `getList`, ACL
 * `Magento_Catalog::products`). A bundle's shipment type is the EAV attribute `shipment_type`,
 * which the REST product carries in `custom_attributes` (`{"attribute_code":"shipment_type",
 * "value":"0"}`: 0 = Together, 1 = Separately; AdobeDocs commerce-webapi tutorial
 * "get-store-specific-bundle-product"). The REST order item has no such field.
 */
import { MagentoHttpError } from './errors';
import { applySearchCriteria, readSearchCriteria, type PagingOptions } from './searchCriteria';
import type { Route } from './server';
import type { MagentoProduct } from './types';

/** Columns products can be filtered and sorted by (`entity_id` is the product's `id`). */
const PRODUCT_COLUMNS = new Set([
	'entity_id',
	'sku',
	'name',
	'type_id',
	'attribute_set_id',
	'status',
	'visibility',
	'price',
	'created_at',
	'updated_at',
	'shipment_type',
]);

type Row = Record<string, unknown> & { entity_id: number; product: MagentoProduct };

function rowOf(product: MagentoProduct): Row {
	const attrs = Object.fromEntries(
		(product.custom_attributes ?? []).map((a) => [a.attribute_code, a.value]),
	);
	return {
		entity_id: product.id,
		sku: product.sku,
		name: product.name,
		type_id: product.type_id,
		attribute_set_id: product.attribute_set_id,
		status: product.status,
		visibility: product.visibility,
		price: product.price,
		created_at: product.created_at,
		updated_at: product.updated_at,
		shipment_type: attrs.shipment_type ?? null,
		product,
	};
}

export function catalogueRoutes(ctx: {
	products: () => MagentoProduct[];
	paging: () => PagingOptions;
}): Route[] {
	return [
		{
			method: 'GET',
			pattern: /^\/V1\/products$/,
			key: 'GET /V1/products',
			acl: 'Magento_Catalog::products',
			handle: (_m, _b, q) => {
				const list = applySearchCriteria(
					ctx.products().map(rowOf),
					readSearchCriteria(q, ctx.paging()),
					ctx.paging(),
					PRODUCT_COLUMNS,
					new Set(['created_at', 'updated_at']),
					'entity_id',
				);
				return { ...list, items: list.items.map((r) => r.product) };
			},
		},
		{
			method: 'GET',
			pattern: /^\/V1\/products\/([^/]+)$/,
			key: 'GET /V1/products/:sku',
			acl: 'Magento_Catalog::products',
			handle: (m) => {
				const found = ctx.products().find((p) => p.sku === m[1]);
				// ProductRepository::get: NoSuchEntityException with this text.
				if (!found)
					throw new MagentoHttpError(404, {
						message:
							"The product that was requested doesn't exist. Verify the product and try again.",
					});
				return found;
			},
		},
	];
}
