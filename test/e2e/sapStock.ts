/**
 * Changes stock and prices in the emulated SAP B1 the way users do, through the Service Layer: a
 * goods receipt or goods issue (InventoryGenEntries / InventoryGenExits: warehouse stock moves,
 * the item's UpdateDate does not) and a price change in a price list (PATCH Items: UpdateDate
 * moves). And what Magento must hold after a stock and price sync. Used by the end-to-end
 * tests, the demo and the benchmark.
 */
import type { MagentoEmulator } from '../emulators/magento';
import type { ServiceLayerEmulator } from '../emulators/serviceLayer';
import type { SapItem } from '../emulators/seed/sap';
import { login, type SlTestClient } from '../emulators/serviceLayer/testClient';

export class SapStockClerk {
	private client?: SlTestClient;

	constructor(private readonly sl: ServiceLayerEmulator) {}

	private async http(): Promise<SlTestClient> {
		this.client ??= await login(this.sl, 'v2');
		return this.client;
	}

	/** A goods receipt (+) or goods issue (−) of `quantity` in one warehouse. */
	async moveStock(itemCode: string, warehouse: string, quantity: number): Promise<void> {
		const http = await this.http();
		const set = quantity >= 0 ? 'InventoryGenEntries' : 'InventoryGenExits';
		const res = await http.post(set, {
			Comments: 'stock change',
			DocumentLines: [
				{ ItemCode: itemCode, Quantity: Math.abs(quantity), WarehouseCode: warehouse },
			],
		});
		if (res.status !== 201)
			throw new Error(`${set} for ${itemCode} refused: ${res.status} ${JSON.stringify(res.data)}`);
	}

	/** A new price in a price list. */
	async setPrice(itemCode: string, priceList: number, price: number): Promise<void> {
		const http = await this.http();
		const res = await http.patch(`Items('${itemCode.replace(/'/g, "''")}')`, {
			ItemPrices: [{ PriceList: priceList, Price: price }],
		});
		if (res.status !== 204)
			throw new Error(`price of ${itemCode} refused: ${res.status} ${JSON.stringify(res.data)}`);
	}
}

export interface SapTargets {
	/** Available stock (in stock − committed over the warehouses, at least 0) per inventory item. */
	stock: Map<string, number>;
	/** Price in the list (0 = none) per item. */
	price: Map<string, number>;
}

/** What the template must bring to Magento: SAP's figures for every active sales item. */
export function sapTargets(items: SapItem[], priceList = 1, warehouses?: string[]): SapTargets {
	const stock = new Map<string, number>();
	const price = new Map<string, number>();
	for (const item of items) {
		if (item.Valid !== 'tYES' || item.Frozen === 'tYES' || item.SalesItem !== 'tYES') continue;
		if (item.InventoryItem === 'tYES') {
			const available = (item.ItemWarehouseInfoCollection ?? [])
				.filter((w) => !warehouses || warehouses.includes(w.WarehouseCode))
				.reduce((sum, w) => sum + w.InStock - w.Committed, 0);
			stock.set(item.ItemCode, Math.max(0, Math.round(available * 1e6) / 1e6));
		}
		const listed = item.ItemPrices.find((p) => p.PriceList === priceList)?.Price ?? 0;
		if (listed > 0) price.set(item.ItemCode, listed);
	}
	return { stock, price };
}

/** Products of these types hold their own stock / base price in Magento. */
const STOCK = new Set(['simple', 'virtual', 'downloadable']);

/**
 * Where Magento differs from SAP, for the SKUs Magento can take (its simple products for stock;
 * simple and virtual ones for prices): empty when the sync is complete.
 */
export function differences(
	magento: MagentoEmulator,
	targets: SapTargets,
	sourceCode = 'default',
): string[] {
	const out: string[] = [];
	for (const [sku, quantity] of targets.stock) {
		const product = magento.catalog.products.find((p) => p.sku === sku);
		if (!product || !STOCK.has(product.type_id)) continue;
		const row = magento.catalog.sourceItems.find(
			(s) => s.sku === sku && s.source_code === sourceCode,
		);
		if (!row || row.quantity !== quantity || row.status !== (quantity > 0 ? 1 : 0))
			out.push(
				`stock ${sku}: SAP ${quantity}, Magento ${row ? `${row.quantity}/${row.status}` : 'none'}`,
			);
	}
	for (const [sku, price] of targets.price) {
		const product = magento.catalog.products.find((p) => p.sku === sku);
		if (!product || !STOCK.has(product.type_id)) continue;
		if (product.price !== price) out.push(`price ${sku}: SAP ${price}, Magento ${product.price}`);
	}
	return out;
}
