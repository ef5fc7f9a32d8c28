/** REST routes of the catalogue side (see catalog.ts), in the shape of the server's route table. */
import {
	basePricesInformation,
	deleteSpecialPrices,
	filterFields,
	findProduct,
	getStockItem,
	renderProduct,
	saveSourceItems,
	specialPricesInformation,
	updateBasePrices,
	updateSpecialPrices,
	updateStockItem,
	type CatalogContext,
} from './catalog';
import { MagentoHttpError, noRoute } from './errors';
import {
	applySearchCriteria,
	readSearchCriteria,
	type PagingOptions,
	type parseQuery,
} from './searchCriteria';

export interface CatalogRoute {
	method: string;
	pattern: RegExp;
	key: string;
	acl: string;
	/** Body arrays of typed objects the Web API input limit counts: [field, type]. */
	inputArrays?: Array<[field: string, type: string]>;
	handle: (
		m: RegExpMatchArray,
		body: any,
		query: ReturnType<typeof parseQuery>,
		storeId: number | null,
	) => unknown;
}

const PRODUCT_COLUMNS = new Set([
	'entity_id',
	'id',
	'sku',
	'name',
	'type_id',
	'price',
	'status',
	'visibility',
	'attribute_set_id',
	'created_at',
	'updated_at',
	'shipment_type',
]);
const SOURCE_ITEM_COLUMNS = new Set(['sku', 'source_code', 'quantity', 'status']);
const SOURCE_COLUMNS = new Set(['source_code', 'name', 'enabled', 'country_id', 'postcode']);
const DATE_FIELDS = new Set(['created_at', 'updated_at']);

export function catalogRoutes(
	ctx: () => CatalogContext,
	paging: () => PagingOptions,
): CatalogRoute[] {
	const msi = () => {
		if (!ctx().options.msi) throw noRoute();
	};
	const fields = (q: ReturnType<typeof parseQuery>) =>
		typeof q.fields === 'string' ? q.fields : undefined;
	return [
		{
			method: 'GET',
			pattern: /^\/V1\/products$/,
			key: 'GET /V1/products',
			acl: 'Magento_Catalog::products',
			handle: (_m, _b, q) => {
				const c = ctx();
				const rows = c.state.products.map((p) => ({
					...p,
					entity_id: p.id,
					shipment_type:
						p.custom_attributes?.find((a) => a.attribute_code === 'shipment_type')?.value ?? null,
				}));
				const result = applySearchCriteria(
					rows as unknown as Array<Record<string, unknown>>,
					readSearchCriteria(q, paging()),
					paging(),
					PRODUCT_COLUMNS,
					DATE_FIELDS,
					'id',
				);
				const page = {
					...result,
					items: result.items.map((r) => renderProduct(c, findProduct(c, String(r.sku))!)),
				};
				return filterFields(page, fields(q));
			},
		},
		{
			method: 'GET',
			pattern: /^\/V1\/products\/([^/]+)$/,
			key: 'GET /V1/products/:sku',
			acl: 'Magento_Catalog::products',
			handle: (m, _b, q) => {
				const product = findProduct(ctx(), m[1]);
				if (!product)
					throw new MagentoHttpError(404, {
						message:
							"The product that was requested doesn't exist. Verify the product and try again.",
					});
				return filterFields(renderProduct(ctx(), product), fields(q));
			},
		},
		{
			method: 'GET',
			pattern: /^\/V1\/inventory\/sources$/,
			key: 'GET /V1/inventory/sources',
			acl: 'Magento_InventoryApi::source',
			handle: (_m, _b, q) => {
				msi();
				return applySearchCriteria(
					ctx().state.sources as unknown as Array<Record<string, unknown>>,
					readSearchCriteria(q, paging()),
					paging(),
					SOURCE_COLUMNS,
					new Set(),
					'source_code',
				);
			},
		},
		{
			method: 'GET',
			pattern: /^\/V1\/inventory\/source-items$/,
			key: 'GET /V1/inventory/source-items',
			acl: 'Magento_InventoryApi::source',
			handle: (_m, _b, q) => {
				msi();
				const rows = ctx().state.sourceItems.map((s, n) => ({ ...s, source_item_id: n + 1 }));
				const result = applySearchCriteria(
					rows as unknown as Array<Record<string, unknown>>,
					readSearchCriteria(q, paging()),
					paging(),
					SOURCE_ITEM_COLUMNS,
					new Set(),
					'source_item_id',
				);
				const items = result.items.map(({ source_item_id: _id, ...row }) => row);
				return filterFields({ ...result, items }, fields(q));
			},
		},
		{
			method: 'POST',
			pattern: /^\/V1\/inventory\/source-items$/,
			key: 'POST /V1/inventory/source-items',
			acl: 'Magento_InventoryApi::stock_source_item_assign',
			inputArrays: [['sourceItems', '\\Magento\\InventoryApi\\Api\\Data\\SourceItemInterface']],
			handle: (_m, body) => {
				msi();
				return saveSourceItems(ctx(), body);
			},
		},
		{
			method: 'GET',
			pattern: /^\/V1\/stockItems\/([^/]+)$/,
			key: 'GET /V1/stockItems/:sku',
			acl: 'Magento_CatalogInventory::cataloginventory',
			handle: (m) => getStockItem(ctx(), m[1]),
		},
		{
			method: 'PUT',
			pattern: /^\/V1\/products\/([^/]+)\/stockItems\/([^/]+)$/,
			key: 'PUT /V1/products/:sku/stockItems/:itemId',
			acl: 'Magento_CatalogInventory::cataloginventory',
			handle: (m, body) => updateStockItem(ctx(), m[1], body),
		},
		{
			method: 'POST',
			pattern: /^\/V1\/products\/base-prices$/,
			key: 'POST /V1/products/base-prices',
			acl: 'Magento_Catalog::catalog',
			inputArrays: [['prices', '\\Magento\\Catalog\\Api\\Data\\BasePriceInterface']],
			handle: (_m, body) => updateBasePrices(ctx(), body),
		},
		{
			method: 'POST',
			pattern: /^\/V1\/products\/base-prices-information$/,
			key: 'POST /V1/products/base-prices-information',
			acl: 'Magento_Catalog::catalog',
			handle: (_m, body) => basePricesInformation(ctx(), body),
		},
		{
			method: 'POST',
			pattern: /^\/V1\/products\/special-price$/,
			key: 'POST /V1/products/special-price',
			acl: 'Magento_Catalog::catalog',
			inputArrays: [['prices', '\\Magento\\Catalog\\Api\\Data\\SpecialPriceInterface']],
			handle: (_m, body) => updateSpecialPrices(ctx(), body),
		},
		{
			method: 'POST',
			pattern: /^\/V1\/products\/special-price-information$/,
			key: 'POST /V1/products/special-price-information',
			acl: 'Magento_Catalog::catalog',
			handle: (_m, body) => specialPricesInformation(ctx(), body),
		},
		{
			method: 'POST',
			pattern: /^\/V1\/products\/special-price-delete$/,
			key: 'POST /V1/products/special-price-delete',
			acl: 'Magento_Catalog::catalog',
			inputArrays: [['prices', '\\Magento\\Catalog\\Api\\Data\\SpecialPriceInterface']],
			handle: (_m, body) => deleteSpecialPrices(ctx(), body),
		},
	];
}
