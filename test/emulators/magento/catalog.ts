/**
 * The catalogue side of the emulated Magento 2.4 store: products, Multi-Source Inventory source
 * items, legacy (single-source) stock items, base prices and special prices, with Magento's
 * validation and its bulk answers. Sources of each behaviour (magento/magento2 and
 * magento/inventory, read for this emulator):
 *
 * - `POST /V1/inventory/source-items` (SourceItemsSaveInterface → SourceItemsSaveHandler): every
 *   row is validated first; the first error fails the whole call, 400 `"Validation Failed: " +
 *   first error`, nothing saved (validators: sku not empty `"%field" can not be empty.`, source
 *   code not empty / no whitespace, quantity `"%field" should be numeric.`, status a known
 *   status). An unknown SKU depends on the version (`msiUnknownSku`): 2.3.x saves an orphan row
 *   with 200 (magento2#30274, magento2#38154), 2.4.6-p3 fails the whole call with 400 "Could not
 *   save Source Item" (magento/inventory#889), branches with ExistentSkuValidator answer
 *   `Validation Failed: Product with requested "sku": "X" was was not found.` (sic). An unknown
 *   source code fails as "Could not save Source Item" (a foreign key in the database). Success
 *   answers `[]` (a void service method, magento2#22781). Source items of the `default` source
 *   are mirrored into the legacy stock item, as MSI's legacy synchronisation does.
 * - `GET /V1/inventory/source-items` (SourceItemRepositoryInterface::getList): searchCriteria on
 *   sku, source_code, quantity, status. ACL `Magento_InventoryApi::source`; the save needs
 *   `Magento_InventoryApi::stock_source_item_assign` (InventoryApi/etc/webapi.xml).
 * - `GET /V1/stockItems/:sku`, `PUT /V1/products/:sku/stockItems/:itemId`
 *   (StockRegistryInterface::getStockItemBySku / updateStockItemBySku): the PUT answers the
 *   stock item id; an unknown SKU is 404 "The product that was requested doesn't exist. Verify
 *   the product and try again." ACL `Magento_CatalogInventory::cataloginventory`.
 * - `POST /V1/products/base-prices` (BasePriceStorage::update): rows with an unknown SKU or a
 *   product type other than simple / virtual / downloadable / fixed-price bundle fail with
 *   `Invalid attribute %fieldName = %fieldValue.` and parameters ["SKU", sku]; a missing or
 *   negative price with ["Price", value]; an unknown store with `Requested store is not found.
 *   Row ID: SKU = %SKU, Store ID: %storeId.`. Valid rows are saved; the answer is 200 with the
 *   failed items only (`[]` when all were saved). With the price scope global every row is saved
 *   for store 0. `POST /V1/products/base-prices-information {skus}` silently leaves out unknown
 *   and invalid SKUs (InvalidSkuProcessor::filterSkuList). ACL `Magento_Catalog::catalog`.
 * - `POST /V1/products/special-price`, `…/special-price-information`, `…/special-price-delete`
 *   (SpecialPriceStorage): messages with the row (`… Row ID: SKU = %SKU, Store ID: %storeId,
 *   Price From: %priceFrom, Price To: %priceTo.`), dates exactly `Y-m-d H:i:s`.
 * - Web API input limits (Framework\Webapi\Validator\EntityArrayValidator, off by default): an
 *   array of typed objects longer than `complexArrayLimit` is refused with 400 `Maximum items of
 *   type "%type" is %max` before the service runs.
 * - `GET /V1/products` (ProductRepositoryInterface::getList) with the `fields` filter
 *   (`fields=items[sku,type_id],total_count`); `extension_attributes.stock_item` is in the list
 *   only where the version puts it there (`productListStockItem`; magento2#24418, #22737).
 */
import { badRequest, MagentoHttpError } from './errors';

export type ProductType =
	'simple' | 'virtual' | 'downloadable' | 'configurable' | 'bundle' | 'grouped';

export interface MagentoProduct {
	id: number;
	sku: string;
	name: string;
	type_id: ProductType;
	/** Default (store 0) value of the price attribute. */
	price: number;
	/** 1 enabled, 2 disabled. */
	status: number;
	visibility: number;
	attribute_set_id: number;
	created_at: string;
	updated_at: string;
	weight?: number;
	/** Bundles: 0 dynamic price, 1 fixed price (the price_type attribute). */
	price_type?: 0 | 1;
	extension_attributes?: Record<string, unknown>;
	/**
	 * EAV attributes as the REST product carries them, e.g. `{ attribute_code: 'shipment_type',
	 * value: '1' }` on a bundle (0 = ship together, 1 = separately).
	 */
	custom_attributes?: Array<{ attribute_code: string; value: unknown }>;
}

export interface MagentoSource {
	source_code: string;
	name: string;
	enabled: boolean;
	country_id: string;
	postcode: string;
}

export interface MagentoSourceItem {
	sku: string;
	source_code: string;
	quantity: number;
	/** 1 in stock, 0 out of stock. */
	status: 0 | 1;
}

export interface MagentoStockItem {
	item_id: number;
	product_id: number;
	stock_id: number;
	qty: number;
	is_in_stock: boolean;
	is_qty_decimal: boolean;
	manage_stock: boolean;
	[key: string]: unknown;
}

export interface MagentoStorePrice {
	product_id: number;
	store_id: number;
	price: number;
}

export interface MagentoSpecialPrice {
	product_id: number;
	store_id: number;
	price: number;
	price_from: string | null;
	price_to: string | null;
}

export interface CatalogSeed {
	products: MagentoProduct[];
	sources: MagentoSource[];
	sourceItems: MagentoSourceItem[];
	/** Legacy stock items by product id (made for every simple / virtual product when absent). */
	stockItems?: MagentoStockItem[];
	/** Store-specific base prices (price scope website); the default value is the product's price. */
	storePrices?: MagentoStorePrice[];
	specialPrices?: MagentoSpecialPrice[];
}

export interface CatalogState {
	products: MagentoProduct[];
	sources: MagentoSource[];
	sourceItems: MagentoSourceItem[];
	stockItems: MagentoStockItem[];
	storePrices: MagentoStorePrice[];
	specialPrices: MagentoSpecialPrice[];
	/** What the store has saved, row by row, in arrival order (for tests and benchmarks). */
	writes: {
		sourceItems: MagentoSourceItem[];
		stockItems: Array<{ sku: string; qty: number; is_in_stock: boolean }>;
		basePrices: Array<{ sku: string; store_id: number; price: number }>;
		specialPrices: Array<{ sku: string; store_id: number; price: number }>;
	};
}

export interface CatalogOptions {
	/** Multi-Source Inventory installed (false: /V1/inventory/* are unknown routes). */
	msi: boolean;
	/** What POST /V1/inventory/source-items does with a SKU the catalogue lacks (see above). */
	msiUnknownSku: 'orphan' | 'couldNotSave' | 'validationFailed';
	/** Catalog price scope: 'global' (default) saves base prices for store 0 only. */
	priceScope: 'global' | 'website';
	/** Whether GET /V1/products lists `extension_attributes.stock_item` (missing on some versions). */
	productListStockItem: boolean;
}

export const DEFAULT_CATALOG_OPTIONS: CatalogOptions = {
	msi: true,
	msiUnknownSku: 'couldNotSave',
	priceScope: 'global',
	productListStockItem: true,
};

export function emptyCatalog(): CatalogSeed {
	return { products: [], sources: [], sourceItems: [] };
}

/**
 * The catalogue of a seed: `catalog` and the plain product list (`MagentoSeed.products`) are one
 * set of products; a product in both takes the list's EAV and extension attributes.
 */
export function withProducts(seed: CatalogSeed, products: MagentoProduct[]): CatalogSeed {
	const bySku = new Map(seed.products.map((p) => [p.sku, p]));
	const merged = [...seed.products];
	for (const p of products) {
		const known = bySku.get(p.sku);
		if (!known) merged.push(p);
		else
			Object.assign(known, {
				...(p.custom_attributes ? { custom_attributes: p.custom_attributes } : {}),
				...(p.extension_attributes ? { extension_attributes: p.extension_attributes } : {}),
			});
	}
	return { ...seed, products: merged };
}

const STOCK_TYPES = new Set<ProductType>(['simple', 'virtual', 'downloadable']);

/** A fresh state from a seed: legacy stock items follow the default source where none are given. */
export function catalogState(seed: CatalogSeed): CatalogState {
	const s = structuredClone(seed);
	const stockItems =
		s.stockItems ??
		s.products
			.filter((p) => STOCK_TYPES.has(p.type_id))
			.map((p) => {
				const src = s.sourceItems.find(
					(i) => i.source_code === 'default' && i.sku.toLowerCase() === p.sku.toLowerCase(),
				);
				return stockItem(p.id, src?.quantity ?? 0, src ? src.status === 1 : false);
			});
	return {
		products: s.products,
		sources: s.sources,
		sourceItems: s.sourceItems,
		stockItems,
		storePrices: s.storePrices ?? [],
		specialPrices: s.specialPrices ?? [],
		writes: { sourceItems: [], stockItems: [], basePrices: [], specialPrices: [] },
	};
}

function stockItem(productId: number, qty: number, inStock: boolean): MagentoStockItem {
	return {
		item_id: productId,
		product_id: productId,
		stock_id: 1,
		qty,
		is_in_stock: inStock,
		is_qty_decimal: false,
		show_default_notification_message: false,
		use_config_min_qty: true,
		min_qty: 0,
		use_config_min_sale_qty: 1,
		min_sale_qty: 1,
		use_config_max_sale_qty: true,
		max_sale_qty: 10000,
		use_config_backorders: true,
		backorders: 0,
		use_config_notify_stock_qty: true,
		notify_stock_qty: 1,
		use_config_qty_increments: true,
		qty_increments: 0,
		use_config_enable_qty_inc: true,
		enable_qty_increments: false,
		use_config_manage_stock: true,
		manage_stock: true,
		low_stock_date: null,
		is_decimal_divided: false,
		stock_status_changed_auto: 0,
	};
}

export interface CatalogContext {
	state: CatalogState;
	options: CatalogOptions;
	/** Store ids that exist (0 = admin / default). */
	storeIds: number[];
	now: () => string;
}

const PRODUCT_NOT_FOUND =
	"The product that was requested doesn't exist. Verify the product and try again.";

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** Products by SKU (rebuilt when the list changes length; a miss falls back to a scan). */
const productIndexes = new WeakMap<
	MagentoProduct[],
	{ size: number; bySku: Map<string, MagentoProduct> }
>();

export function findProduct(ctx: CatalogContext, sku: string): MagentoProduct | undefined {
	const list = ctx.state.products;
	let index = productIndexes.get(list);
	if (!index || index.size !== list.length) {
		index = { size: list.length, bySku: new Map(list.map((p) => [p.sku.trim().toLowerCase(), p])) };
		productIndexes.set(list, index);
	}
	const hit = index.bySku.get(sku.trim().toLowerCase());
	if (hit && same(hit.sku, sku)) return hit;
	return list.find((p) => same(p.sku, sku));
}

function arrayField(body: unknown, field: string): Record<string, unknown>[] {
	const value = (body as Record<string, unknown> | undefined)?.[field];
	if (!Array.isArray(value))
		throw badRequest('"%fieldName" is required. Enter and try again.', { fieldName: field });
	return value.map((v) =>
		v && typeof v === 'object' ? (v as Record<string, unknown>) : ({} as Record<string, unknown>),
	);
}

const isNumeric = (v: unknown) =>
	(typeof v === 'number' && Number.isFinite(v)) ||
	(typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)));

/** Keeps the legacy stock item of a product in step with its default-source item (MSI legacy sync). */
function syncLegacy(ctx: CatalogContext, row: MagentoSourceItem): void {
	if (row.source_code !== 'default') return;
	const product = findProduct(ctx, row.sku);
	if (!product) return;
	let legacy = ctx.state.stockItems.find((s) => s.product_id === product.id);
	if (!legacy) {
		legacy = stockItem(product.id, 0, false);
		ctx.state.stockItems.push(legacy);
	}
	legacy.qty = row.quantity;
	legacy.is_in_stock = row.status === 1;
}

/** POST /V1/inventory/source-items {sourceItems}. */
export function saveSourceItems(ctx: CatalogContext, body: unknown): [] {
	const rows = arrayField(body, 'sourceItems');
	if (rows.length === 0) throw badRequest('Input data is empty');
	const validationFailed = (error: string) => badRequest(`Validation Failed: ${error}`);
	for (const row of rows) {
		const sku = typeof row.sku === 'string' ? row.sku : '';
		if (sku.trim() === '') throw validationFailed('"sku" can not be empty.');
		const source = typeof row.source_code === 'string' ? row.source_code : '';
		if (source.trim() === '') throw validationFailed('"source_code" can not be empty.');
		if (/\s/.test(source)) throw validationFailed('"source_code" can not contain whitespaces.');
		if (!isNumeric(row.quantity)) throw validationFailed('"quantity" should be numeric.');
		if (!isNumeric(row.status)) throw validationFailed('"quantity" should be numeric.');
		if (![0, 1].includes(Number(row.status)))
			throw validationFailed('"status" should a known status.');
		if (!findProduct(ctx, sku) && ctx.options.msiUnknownSku === 'validationFailed')
			throw validationFailed(`Product with requested "sku": "${sku}" was was not found.`);
	}
	// SaveMultiple: one INSERT … ON DUPLICATE KEY UPDATE; a foreign key failure rolls all of it back.
	for (const row of rows) {
		const unknownSource = !ctx.state.sources.some((s) => s.source_code === row.source_code);
		const unknownSku = !findProduct(ctx, String(row.sku));
		if (unknownSource || (unknownSku && ctx.options.msiUnknownSku === 'couldNotSave'))
			throw badRequest('Could not save Source Item');
	}
	for (const row of rows) {
		const saved: MagentoSourceItem = {
			sku: String(row.sku),
			source_code: String(row.source_code),
			quantity: Number(row.quantity),
			status: Number(row.status) === 1 ? 1 : 0,
		};
		const existing = ctx.state.sourceItems.find(
			(s) => s.source_code === saved.source_code && same(s.sku, saved.sku),
		);
		if (existing) Object.assign(existing, { quantity: saved.quantity, status: saved.status });
		else ctx.state.sourceItems.push(saved);
		ctx.state.writes.sourceItems.push(saved);
		syncLegacy(ctx, saved);
	}
	return [];
}

/** GET /V1/stockItems/:sku. */
export function getStockItem(ctx: CatalogContext, sku: string): MagentoStockItem {
	const product = findProduct(ctx, sku);
	if (!product) throw new MagentoHttpError(404, { message: PRODUCT_NOT_FOUND });
	let item = ctx.state.stockItems.find((s) => s.product_id === product.id);
	if (!item) {
		item = stockItem(product.id, 0, false);
		ctx.state.stockItems.push(item);
	}
	return item;
}

/** PUT /V1/products/:sku/stockItems/:itemId {stockItem}: the stock item id. */
export function updateStockItem(ctx: CatalogContext, sku: string, body: unknown): number {
	const input = (body as { stockItem?: Record<string, unknown> } | undefined)?.stockItem;
	if (!input || typeof input !== 'object')
		throw badRequest('"%fieldName" is required. Enter and try again.', { fieldName: 'stockItem' });
	const item = getStockItem(ctx, sku);
	if (input.qty !== undefined) {
		if (!isNumeric(input.qty))
			throw badRequest(
				'The "%value" value\'s type is invalid. The "%type" type was expected. Verify and try again.',
				{ value: String(input.qty), type: 'float' },
			);
		item.qty = Number(input.qty);
	}
	if (input.is_in_stock !== undefined)
		item.is_in_stock = input.is_in_stock === true || input.is_in_stock === 1;
	const product = ctx.state.products.find((p) => p.id === item.product_id)!;
	ctx.state.writes.stockItems.push({
		sku: product.sku,
		qty: item.qty,
		is_in_stock: item.is_in_stock,
	});
	if (ctx.options.msi) {
		// MSI: the legacy stock item is the default source's item.
		const row = ctx.state.sourceItems.find(
			(s) => s.source_code === 'default' && same(s.sku, product.sku),
		);
		if (row) Object.assign(row, { quantity: item.qty, status: item.is_in_stock ? 1 : 0 });
		else
			ctx.state.sourceItems.push({
				sku: product.sku,
				source_code: 'default',
				quantity: item.qty,
				status: item.is_in_stock ? 1 : 0,
			});
	}
	return item.item_id;
}

/** InvalidSkuProcessor for base prices: unknown SKUs, types without an own price, dynamic bundles. */
function basePriceAllowed(product: MagentoProduct | undefined): boolean {
	if (!product) return false;
	if (product.type_id === 'bundle') return product.price_type === 1;
	return STOCK_TYPES.has(product.type_id);
}

function basePriceOf(ctx: CatalogContext, product: MagentoProduct, storeId: number): number {
	if (storeId === 0) return product.price;
	return (
		ctx.state.storePrices.find((p) => p.product_id === product.id && p.store_id === storeId)
			?.price ?? product.price
	);
}

/** POST /V1/products/base-prices {prices}: the failed items only (200). */
export function updateBasePrices(
	ctx: CatalogContext,
	body: unknown,
): Array<{ message: string; parameters: unknown[] }> {
	const rows = arrayField(body, 'prices');
	const failed: Array<{ message: string; parameters: unknown[] }> = [];
	const valid: Array<{ product: MagentoProduct; storeId: number; price: number }> = [];
	for (const row of rows) {
		const sku = typeof row.sku === 'string' ? row.sku : '';
		const product = sku ? findProduct(ctx, sku) : undefined;
		const price = row.price === null || row.price === undefined ? null : Number(row.price);
		const storeId = Number(row.store_id ?? 0);
		let ok = true;
		if (!sku || !basePriceAllowed(product)) {
			failed.push({
				message: 'Invalid attribute %fieldName = %fieldValue.',
				parameters: ['SKU', sku],
			});
			ok = false;
		}
		if (price === null || !Number.isFinite(price) || price < 0) {
			failed.push({
				message: 'Invalid attribute %fieldName = %fieldValue.',
				parameters: ['Price', row.price === undefined ? null : row.price],
			});
			ok = false;
		}
		if (!ctx.storeIds.includes(storeId)) {
			failed.push({
				message: `Requested store is not found. Row ID: SKU = ${sku}, Store ID: ${storeId}.`,
				parameters: [sku, storeId],
			});
			ok = false;
		}
		if (ok) valid.push({ product: product!, storeId, price: price! });
	}
	for (const { product, storeId, price } of valid) {
		const store = ctx.options.priceScope === 'global' ? 0 : storeId;
		if (store === 0) product.price = price;
		else {
			const existing = ctx.state.storePrices.find(
				(p) => p.product_id === product.id && p.store_id === store,
			);
			if (existing) existing.price = price;
			else ctx.state.storePrices.push({ product_id: product.id, store_id: store, price });
		}
		product.updated_at = ctx.now();
		ctx.state.writes.basePrices.push({ sku: product.sku, store_id: store, price });
	}
	return failed;
}

function skuList(body: unknown): string[] {
	const skus = (body as { skus?: unknown } | undefined)?.skus;
	if (!Array.isArray(skus))
		throw badRequest('"%fieldName" is required. Enter and try again.', { fieldName: 'skus' });
	return skus.map((s) => String(s));
}

/** POST /V1/products/base-prices-information {skus}: a row per saved value; invalid SKUs left out. */
export function basePricesInformation(
	ctx: CatalogContext,
	body: unknown,
): Array<{ price: number; store_id: number; sku: string }> {
	const out: Array<{ price: number; store_id: number; sku: string }> = [];
	for (const sku of skuList(body)) {
		const product = findProduct(ctx, sku);
		if (!product || !basePriceAllowed(product)) continue;
		out.push({ price: product.price, store_id: 0, sku: product.sku });
		for (const row of ctx.state.storePrices.filter((p) => p.product_id === product.id))
			out.push({
				price: basePriceOf(ctx, product, row.store_id),
				store_id: row.store_id,
				sku: product.sku,
			});
	}
	return out;
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

function specialRow(row: Record<string, unknown>) {
	return {
		sku: typeof row.sku === 'string' ? row.sku : '',
		price: row.price === null || row.price === undefined ? null : Number(row.price),
		store_id: Number(row.store_id ?? 0),
		price_from:
			row.price_from === undefined || row.price_from === '' ? null : String(row.price_from),
		price_to: row.price_to === undefined || row.price_to === '' ? null : String(row.price_to),
	};
}

function checkSpecialRows(ctx: CatalogContext, body: unknown) {
	const rows = arrayField(body, 'prices');
	const failed: Array<{ message: string; parameters: unknown[] }> = [];
	const valid: Array<ReturnType<typeof specialRow> & { product: MagentoProduct }> = [];
	for (const raw of rows) {
		const row = specialRow(raw);
		const rowId = `Row ID: SKU = ${row.sku}, Store ID: ${row.store_id}, Price From: ${row.price_from ?? ''}, Price To: ${row.price_to ?? ''}.`;
		const params = [row.sku, row.store_id, row.price_from, row.price_to];
		const product = row.sku ? findProduct(ctx, row.sku) : undefined;
		const errorsBefore = failed.length;
		if (!product || !basePriceAllowed(product))
			failed.push({
				message: `The product that was requested doesn't exist. Verify the product and try again. ${rowId}`,
				parameters: params,
			});
		if (ctx.options.priceScope === 'global' && row.store_id !== 0)
			failed.push({
				message: `Could not change non global Price when price scope is global. ${rowId}`,
				parameters: params,
			});
		if (!ctx.storeIds.includes(row.store_id))
			failed.push({ message: `Requested store is not found. ${rowId}`, parameters: params });
		if (row.price === null || !Number.isFinite(row.price) || row.price < 0)
			failed.push({
				message: `Invalid attribute Price = ${String(raw.price ?? '')}. ${rowId}`,
				parameters: [raw.price ?? null, ...params],
			});
		for (const [value, label] of [
			[row.price_from, 'Price From'],
			[row.price_to, 'Price To'],
		] as const)
			if (value && !DATE_TIME.test(value))
				failed.push({
					message: `Invalid attribute ${label} = ${row.price_to ?? ''}. ${rowId}`,
					parameters: [label, ...params],
				});
		if (failed.length === errorsBefore) valid.push({ ...row, product: product! });
	}
	return { failed, valid };
}

/** POST /V1/products/special-price {prices}: one special price per product and store (from / to kept). */
export function updateSpecialPrices(ctx: CatalogContext, body: unknown) {
	const { failed, valid } = checkSpecialRows(ctx, body);
	for (const row of valid) {
		const existing = ctx.state.specialPrices.find(
			(p) => p.product_id === row.product.id && p.store_id === row.store_id,
		);
		const value = {
			product_id: row.product.id,
			store_id: row.store_id,
			price: row.price!,
			price_from: row.price_from,
			price_to: row.price_to,
		};
		if (existing) Object.assign(existing, value);
		else ctx.state.specialPrices.push(value);
		ctx.state.writes.specialPrices.push({
			sku: row.product.sku,
			store_id: row.store_id,
			price: row.price!,
		});
	}
	return failed;
}

/** POST /V1/products/special-price-delete {prices}. */
export function deleteSpecialPrices(ctx: CatalogContext, body: unknown) {
	const { failed, valid } = checkSpecialRows(ctx, body);
	for (const row of valid)
		ctx.state.specialPrices = ctx.state.specialPrices.filter(
			(p) => !(p.product_id === row.product.id && p.store_id === row.store_id),
		);
	return failed;
}

/** POST /V1/products/special-price-information {skus}. */
export function specialPricesInformation(ctx: CatalogContext, body: unknown) {
	const out: Array<Record<string, unknown>> = [];
	for (const sku of skuList(body)) {
		const product = findProduct(ctx, sku);
		if (!product || !basePriceAllowed(product)) continue;
		for (const p of ctx.state.specialPrices.filter((x) => x.product_id === product.id))
			out.push({
				price: p.price,
				store_id: p.store_id,
				sku: product.sku,
				price_from: p.price_from,
				price_to: p.price_to,
			});
	}
	return out;
}

/** A product as GET /V1/products lists it. */
export function renderProduct(ctx: CatalogContext, p: MagentoProduct): Record<string, unknown> {
	const extension: Record<string, unknown> = { website_ids: [1], ...p.extension_attributes };
	if (ctx.options.productListStockItem && STOCK_TYPES.has(p.type_id))
		extension.stock_item = getStockItem(ctx, p.sku);
	const custom: Array<{ attribute_code: string; value: unknown }> = [
		...(p.custom_attributes ?? []),
	];
	const attr = (code: string, value: string) => {
		if (!custom.some((a) => a.attribute_code === code))
			custom.push({ attribute_code: code, value });
	};
	attr('tax_class_id', '2');
	if (p.type_id === 'bundle') attr('price_type', String(p.price_type ?? 0));
	return {
		id: p.id,
		sku: p.sku,
		name: p.name,
		attribute_set_id: p.attribute_set_id,
		price: p.price,
		status: p.status,
		visibility: p.visibility,
		type_id: p.type_id,
		created_at: p.created_at,
		updated_at: p.updated_at,
		...(p.weight !== undefined ? { weight: p.weight } : {}),
		extension_attributes: extension,
		custom_attributes: custom,
	};
}

/**
 * Magento's response field filter (Webapi\Rest\Response\FieldsFilter): `fields=items[sku,type_id],
 * total_count` keeps only those keys, nested `a[b,c[d]]` included.
 */
export function filterFields(value: unknown, fields: string | undefined): unknown {
	if (!fields || !fields.trim()) return value;
	const parse = (text: string): Map<string, string | null> => {
		const out = new Map<string, string | null>();
		let depth = 0;
		let start = 0;
		const push = (part: string) => {
			const t = part.trim();
			if (!t) return;
			const b = t.indexOf('[');
			if (b < 0) out.set(t, null);
			else out.set(t.slice(0, b), t.slice(b + 1, t.lastIndexOf(']')));
		};
		for (let i = 0; i < text.length; i++) {
			if (text[i] === '[') depth++;
			else if (text[i] === ']') depth--;
			else if (text[i] === ',' && depth === 0) {
				push(text.slice(start, i));
				start = i + 1;
			}
		}
		push(text.slice(start));
		return out;
	};
	const apply = (v: unknown, spec: Map<string, string | null>): unknown => {
		if (Array.isArray(v)) return v.map((x) => apply(x, spec));
		if (!v || typeof v !== 'object') return v;
		const out: Record<string, unknown> = {};
		for (const [key, inner] of spec) {
			const child = (v as Record<string, unknown>)[key];
			if (child === undefined) continue;
			out[key] = inner === null ? child : apply(child, parse(inner));
		}
		return out;
	};
	return apply(value, parse(fields));
}
