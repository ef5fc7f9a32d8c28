/**
 * Which bundles of an order ship separately. Magento decides it per bundle from the
 * `shipment_type` saved with the order item (`Order\Item::isShipSeparately`), but the REST order
 * item does not carry it (`OrderItemInterface` has no `product_options`). The REST product does,
 * as the `shipment_type` custom attribute (0 Together, 1 Separately), so the node reads the
 * bundles' products once per run (`GET /V1/products?searchCriteria…entity_id in …`, ACL
 * `Magento_Catalog::products`). That is the product's current setting; when it was changed after
 * the order, Magento 2.4.2+ refuses the request with "Cannot create shipment as bundle product
 * "%1" has shipment type "%2"", which `bundleLevelFromRefusal` reads to send the other level.
 * Without access to the catalogue the bundles count as shipped together (Magento's default).
 */
import type { IDataObject } from 'n8n-workflow';
import { MagentoError, type MagentoClient } from '../transport/MagentoClient';
import type { OrderItem, SeparateBundles } from './orderItems';
import type { MagentoOrder } from './orders';

interface ProductTypes {
	/** product id → ships separately (true), together (false); absent: not read yet. */
	separately: Map<number, boolean>;
	/** The catalogue cannot be read with this credential (ACL): no more attempts this run. */
	noAccess: boolean;
}

/** Per client, i.e. per execution. */
const cache = new WeakMap<MagentoClient, ProductTypes>();

const bundleRows = (items: OrderItem[]) =>
	items.filter(
		(i) =>
			i.product_type === 'bundle' &&
			items.some((c) => Number(c.parent_item_id) === Number(i.item_id)),
	);

function shipmentTypeOf(product: IDataObject): boolean | undefined {
	const attrs = Array.isArray(product.custom_attributes)
		? (product.custom_attributes as IDataObject[])
		: [];
	const value = attrs.find((a) => a.attribute_code === 'shipment_type')?.value;
	if (value === undefined || value === null || value === '') return undefined;
	return String(value) === '1';
}

/** The order item ids of the order's bundles that ship separately. No request without bundles. */
export async function separateBundles(
	client: MagentoClient,
	order: MagentoOrder,
): Promise<Set<number>> {
	const items = (order.items ?? []) as OrderItem[];
	const bundles = bundleRows(items);
	if (bundles.length === 0) return new Set();
	let known = cache.get(client);
	if (!known) cache.set(client, (known = { separately: new Map(), noAccess: false }));
	const missing = [
		...new Set(bundles.map((b) => Number(b.product_id)).filter((id) => Number.isInteger(id))),
	].filter((id) => !known.separately.has(id));
	if (missing.length > 0 && !known.noAccess) {
		try {
			const { items: products } = await client.search<IDataObject>(
				'/products',
				{ filterGroups: [[{ field: 'entity_id', value: missing, conditionType: 'in' }]] },
				{ key: 'id', pageSize: 100 },
			);
			for (const product of products) {
				const type = shipmentTypeOf(product);
				if (type !== undefined) known.separately.set(Number(product.id), type);
			}
		} catch (error) {
			// Not allowed to read products (ACL) or no such route: fall back to Magento's default.
			if (
				!(error instanceof MagentoError) ||
				(error.status !== 401 && error.status !== 403 && error.status !== 404)
			)
				throw error;
			known.noAccess = true;
		}
		for (const id of missing) if (!known.separately.has(id)) known.separately.set(id, false);
	}
	return new Set(
		bundles
			.filter((b) => known.separately.get(Number(b.product_id)) === true)
			.map((b) => Number(b.item_id)),
	);
}

const REFUSAL = /bundle product "([^"]*)" has shipment type "([^"]*)"/gi;

/**
 * Magento 2.4.2+'s refusal of the wrong bundle level (BundleShipmentTypeValidator): "Cannot create
 * shipment as bundle product "%1" has shipment type "%2". %3 should be shipped instead." names the
 * bundle and its saved shipment type. Gives the bundles shipped separately with that corrected,
 * or undefined when the message names no bundle or changes nothing.
 */
export function bundleLevelFromRefusal(
	message: string,
	order: MagentoOrder,
	separate: SeparateBundles,
): Set<number> | undefined {
	const next = new Set(separate);
	let changed = false;
	const rows = bundleRows((order.items ?? []) as OrderItem[]);
	for (const [, sku, type] of message.matchAll(REFUSAL)) {
		const separately = /separate/i.test(type);
		for (const row of rows.filter((r) => r.sku === sku)) {
			const id = Number(row.item_id);
			if (separately === next.has(id)) continue;
			if (separately) next.add(id);
			else next.delete(id);
			changed = true;
		}
	}
	return changed ? next : undefined;
}

/**
 * Before 2.4.2 Magento does not name the level: a request for the children of a bundle it ships
 * together has no quantity ("You can't create a shipment without products."). Gives the bundles
 * with every bundle of the order at the other level, or undefined when the order has none.
 */
export function bundleLevelsSwapped(
	order: MagentoOrder,
	separate: SeparateBundles,
): Set<number> | undefined {
	const rows = bundleRows((order.items ?? []) as OrderItem[]);
	if (rows.length === 0) return undefined;
	return new Set(rows.map((r) => Number(r.item_id)).filter((id) => !separate.has(id)));
}
