/**
 * Magento 2 seed data set, following the shared sample catalogue (/tmp/catalogue.md):
 * orders '000000090'…'000000095' (already in SAP, invoiced, nothing shipped yet) and
 * '000000101'…'000000112' (new web orders of every kind). `magentoSeed()` returns a fresh deep copy.
 *
 * Amount conventions (Magento's): order.tax_amount includes shipping_tax_amount; order.discount_amount is
 * negative; grand_total = subtotal + shipping_amount + tax_amount + discount_amount. Item discount_amount
 * is positive. Configurable: the parent row (product_type 'configurable') carries the child's SKU and the
 * price, the child row (parent_item_id set) has price 0. Bundle: parent and children are all priced (the
 * parent's amounts are the sum of its children's); order subtotal counts the children once.
 */
import {
	buildOrder,
	type AddressSpec,
	type CustomerSpec,
	type LineSpec,
	type OrderSpec,
	type ProductRef,
} from '../magento/orderBuilder';
import type { CatalogSeed } from '../magento/catalog';
import type { MagentoInvoice, MagentoOrder, MagentoProduct, MagentoSeed } from '../magento/types';

export type { MagentoSeed } from '../magento/types';
export type {
	MagentoProduct,
	MagentoOrder,
	MagentoOrderItem,
	MagentoShipment,
	MagentoInvoice,
	MagentoAddress,
	MagentoEmail,
} from '../magento/types';

/** Catalogue products (Magento product ids are arbitrary but stable). */
export const PRODUCTS = {
	'24-MB01': { sku: '24-MB01', name: 'Joust Duffle Bag', productId: 1, price: 34.0, weight: 1 },
	'24-MB04': { sku: '24-MB04', name: 'Strive Shoulder Pack', productId: 4, price: 32.0, weight: 1 },
	'24-WB04': { sku: '24-WB04', name: 'Overnight Duffle', productId: 12, price: 45.0, weight: 2 },
	'24-UG06': {
		sku: '24-UG06',
		name: 'Affirm Water Bottle',
		productId: 21,
		price: 7.0,
		weight: 0.5,
	},
	MH01: { sku: 'MH01', name: 'Chaz Kangeroo Hoodie', productId: 67, price: 52.0, weight: 1 },
	'MH01-XS-Black': {
		sku: 'MH01-XS-Black',
		name: 'Chaz Kangeroo Hoodie-XS-Black',
		productId: 52,
		price: 52.0,
		weight: 1,
	},
	'MH01-M-Gray': {
		sku: 'MH01-M-Gray',
		name: 'Chaz Kangeroo Hoodie-M-Gray',
		productId: 58,
		price: 52.0,
		weight: 1,
	},
	'MH01-L-Orange': {
		sku: 'MH01-L-Orange',
		name: 'Chaz Kangeroo Hoodie-L-Orange',
		productId: 63,
		price: 52.0,
		weight: 1,
	},
	WS12: { sku: 'WS12', name: 'Radiant Tee', productId: 1556, price: 22.0, weight: 1 },
	'WS12-XS-Blue': {
		sku: 'WS12-XS-Blue',
		name: 'Radiant Tee-XS-Blue',
		productId: 1541,
		price: 22.0,
		weight: 1,
	},
	'WS12-M-Orange': {
		sku: 'WS12-M-Orange',
		name: 'Radiant Tee-M-Orange',
		productId: 1549,
		price: 22.0,
		weight: 1,
	},
	'24-WG080': {
		sku: '24-WG080',
		name: 'Sprite Yoga Companion Kit',
		productId: 46,
		price: 0,
		weight: 0,
	},
	'24-WG084': {
		sku: '24-WG084',
		name: 'Sprite Foam Yoga Brick',
		productId: 42,
		price: 5.0,
		weight: 1,
	},
	'24-WG088': {
		sku: '24-WG088',
		name: 'Sprite Foam Roller',
		productId: 44,
		price: 19.0,
		weight: 1,
	},
	/** A bundle of the Sprite items set to "Ship Bundle Items: Separately" (for tests; in no seed order). */
	'24-WG090': {
		sku: '24-WG090',
		name: 'Sprite Yoga Gift Box',
		productId: 47,
		price: 0,
		weight: 0,
	},
	'24-WG082-blue': {
		sku: '24-WG082-blue',
		name: 'Sprite Stasis Ball 55 cm',
		productId: 27,
		price: 23.0,
		weight: 1,
	},
	'VW-WARRANTY-2Y': {
		sku: 'VW-WARRANTY-2Y',
		name: '2-year warranty',
		productId: 2050,
		price: 15.0,
		weight: 0,
	},
	'CAFÉ-CRÈME-250': {
		sku: 'CAFÉ-CRÈME-250',
		name: 'Café crème — 250 g Kaffeebohnen ☕',
		productId: 2051,
		price: 12.5,
		weight: 0.25,
	},
	'LEGACY-404': {
		sku: 'LEGACY-404',
		name: 'Legacy Canvas Tote (discontinued)',
		productId: 2052,
		price: 29.0,
		weight: 1,
	},
} satisfies Record<string, ProductRef>;

const P = PRODUCTS;

export const CUSTOMERS = {
	roni: { email: 'roni_cost@example.com', firstname: 'Roni', lastname: 'Cost', id: 1 },
	veronica: {
		email: 'veronica.costello@example.com',
		firstname: 'Veronica',
		lastname: 'Costello',
		id: 2,
	},
	juergen: { email: 'juergen@example.de', firstname: 'Jürgen', lastname: 'Ümlaut', id: 3 },
	guest: { email: 'sam.guest@example.net', firstname: 'Sam', lastname: "O'Connor" },
} satisfies Record<string, CustomerSpec>;

export const ADDRESSES = {
	roni: {
		firstname: 'Roni',
		lastname: 'Cost',
		street: ['6146 Honey Bluff Parkway'],
		city: 'Los Angeles',
		postcode: '90012',
		region: 'California',
		region_code: 'CA',
		region_id: 12,
		country_id: 'US',
		telephone: '(555) 229-3326',
	},
	veronica: {
		firstname: 'Veronica',
		lastname: 'Costello',
		company: 'Costello Design LLC',
		street: ['350 Fifth Avenue', 'Suite 4200'],
		city: 'New York',
		postcode: '10118',
		region: 'New York',
		region_code: 'NY',
		region_id: 43,
		country_id: 'US',
		telephone: '(212) 555-0143',
	},
	veronicaGift: {
		firstname: 'Marco',
		lastname: 'Costello',
		street: ['88 Orchard Street'],
		city: 'New York',
		postcode: '10002',
		region: 'New York',
		region_code: 'NY',
		region_id: 43,
		country_id: 'US',
		telephone: '(212) 555-0199',
	},
	juergen: {
		firstname: 'Jürgen',
		lastname: 'Ümlaut',
		company: 'Kaffeehaus Ümlaut & Söhne GmbH',
		street: ['Mariahilfer Straße 12', 'Stiege 3, Tür 7'],
		city: 'Wien',
		postcode: '1070',
		region: 'Wien',
		region_code: 'WI',
		region_id: 95,
		country_id: 'AT',
		telephone: '+43 1 5550123',
	},
	guest: {
		firstname: 'Sam',
		lastname: "O'Connor",
		street: ['1200 NW Naito Pkwy', 'Apt #5 "B"'],
		city: 'Portland',
		postcode: '97209',
		region: 'Oregon',
		region_code: 'OR',
		region_id: 49,
		country_id: 'US',
		telephone: '503-555-0100',
	},
} satisfies Record<string, AddressSpec>;

export const STORES = [
	{ id: 1, code: 'default', name: 'Default Store View', website_id: 1, store_group_id: 1 },
	{ id: 2, code: 'de', name: 'Deutsch', website_id: 1, store_group_id: 1 },
];

/** The integration (System > Extensions > Integrations) the nodes use; keys are 32 characters like Magento's. */
export const INTEGRATION = {
	name: 'SAP B1 Sync',
	consumerId: 7,
	consumerKey: 'ck5v0n8x2m4q7r1t9w3y6z8b0d2f4h6j',
	consumerSecret: 'cs1a3c5e7g9i2k4m6o8q0s2u4w6y8z0b',
	accessToken: 'at9z7x5v3t1r8p6n4l2j0h8f6d4b2a1c',
	accessTokenSecret: 'as2b4d6f8h0j1l3n5p7r9t0v2x4z6y8w',
};

export const ADMIN_TOKEN = 'adm1n0tok3n5ampl3f0rt3st5only7q9';

const simple = (p: ProductRef, qty: number, discountPercent?: number): LineSpec => ({
	kind: 'simple',
	product: p,
	qty,
	discountPercent,
});
const virtual = (p: ProductRef, qty: number): LineSpec => ({ kind: 'virtual', product: p, qty });
const configurable = (
	parent: ProductRef,
	child: ProductRef,
	qty: number,
	discountPercent?: number,
): LineSpec => ({ kind: 'configurable', parent, child, qty, discountPercent });
const spriteKit = (qty: number): LineSpec => ({
	kind: 'bundle',
	parent: P['24-WG080'],
	qty,
	children: [
		{ product: P['24-WG084'], qtyPerBundle: 1 },
		{ product: P['24-WG088'], qtyPerBundle: 1 },
		{ product: P['24-WG082-blue'], qtyPerBundle: 1 },
	],
});

/** The Sprite kit shipped separately: its three items ship as their own rows (the bundle row is a dummy). */
export const spriteGiftBox = (qty: number): LineSpec => ({
	kind: 'bundle',
	parent: P['24-WG090'],
	qty,
	shipmentType: 'separately',
	children: [
		{ product: P['24-WG084'], qtyPerBundle: 1 },
		{ product: P['24-WG088'], qtyPerBundle: 1 },
		{ product: P['24-WG082-blue'], qtyPerBundle: 1 },
	],
});

/** Product types of the catalogue; bundles with their "Ship Bundle Items" setting. */
const PRODUCT_TYPES: Partial<
	Record<keyof typeof PRODUCTS, { type: MagentoProduct['type_id']; shipmentType?: 0 | 1 }>
> = {
	MH01: { type: 'configurable' },
	WS12: { type: 'configurable' },
	'24-WG080': { type: 'bundle', shipmentType: 0 },
	'24-WG090': { type: 'bundle', shipmentType: 1 },
	'VW-WARRANTY-2Y': { type: 'virtual' },
};

/**
 * The catalogue as `GET /V1/products` answers it. A bundle's "Ship Bundle Items" is its
 * `shipment_type` custom attribute ('0' together, '1' separately), as Magento's REST product shows it.
 */
export function catalogue(): MagentoProduct[] {
	return Object.entries(PRODUCTS).map(([key, p]) => {
		const kind = PRODUCT_TYPES[key as keyof typeof PRODUCTS] ?? { type: 'simple' as const };
		return {
			id: p.productId,
			sku: p.sku,
			name: p.name,
			attribute_set_id: kind.type === 'bundle' ? 15 : 4,
			price: p.price,
			status: 1,
			visibility: 4,
			type_id: kind.type,
			created_at: '2026-01-05 10:00:00',
			updated_at: '2026-01-05 10:00:00',
			weight: p.weight,
			extension_attributes: { website_ids: [1] },
			custom_attributes: [
				{ attribute_code: 'url_key', value: p.sku.toLowerCase() },
				...(kind.shipmentType !== undefined
					? [{ attribute_code: 'shipment_type', value: String(kind.shipmentType) }]
					: []),
			],
		};
	});
}

type Who = 'roni' | 'veronica' | 'juergen' | 'guest';
const US_TAX: Record<Who, { taxPercent: number; taxCode: string }> = {
	roni: { taxPercent: 7.25, taxCode: 'US-CA-*-Rate 1' },
	veronica: { taxPercent: 8.875, taxCode: 'US-NY-*-Rate 1' },
	juergen: { taxPercent: 20, taxCode: 'AT-20' },
	guest: { taxPercent: 0, taxCode: 'US-OR-*-Rate 0' },
};

const SHIPPING = {
	tablerate: { shippingMethod: 'tablerate_bestway', shippingDescription: 'Best Way - Table Rate' },
	flatrate: { shippingMethod: 'flatrate_flatrate', shippingDescription: 'Flat Rate - Fixed' },
	ups: { shippingMethod: 'ups_GND', shippingDescription: 'United Parcel Service - Ground' },
	free: {
		shippingMethod: 'freeshipping_freeshipping',
		shippingDescription: 'Free Shipping - Free',
	},
};

function spec(
	entityId: number,
	incrementId: string,
	who: Who,
	createdAt: string,
	lines: LineSpec[],
	extra: Partial<OrderSpec> & Pick<OrderSpec, 'lifecycle'>,
): OrderSpec {
	return {
		entityId,
		incrementId,
		storeId: 1,
		createdAt,
		customer: CUSTOMERS[who],
		billing: ADDRESSES[who],
		shipping: ADDRESSES[who],
		...SHIPPING.flatrate,
		shippingAmount: 5 * lines.reduce((s, l) => s + l.qty, 0),
		...US_TAX[who],
		paymentMethod: 'checkmo',
		lines,
		...extra,
	};
}

/** Order descriptions, in entity_id order. entity_id (201…) differs from increment_id on purpose. */
export function seedOrderSpecs(): OrderSpec[] {
	return [
		// Older web orders, already in SAP (NumAtCard = increment id) with SAP deliveries; processing, invoiced, nothing shipped.
		spec(
			201,
			'000000090',
			'roni',
			'2026-11-10 09:12:31',
			[simple(P['24-MB01'], 1), simple(P['24-MB04'], 2)],
			{
				lifecycle: 'processing',
				updatedAt: '2026-11-10 09:12:33',
				...SHIPPING.flatrate,
				shippingAmount: 15,
			},
		),
		spec(
			202,
			'000000091',
			'veronica',
			'2026-11-10 14:40:02',
			[configurable(P.MH01, P['MH01-L-Orange'], 1), simple(P['24-UG06'], 3)],
			{
				lifecycle: 'processing',
				updatedAt: '2026-11-10 14:40:05',
				...SHIPPING.tablerate,
				shippingAmount: 10,
			},
		),
		spec(203, '000000092', 'roni', '2026-11-11 08:05:47', [simple(P['24-WB04'], 1)], {
			lifecycle: 'processing',
			updatedAt: '2026-11-11 08:05:49',
			...SHIPPING.ups,
			shippingAmount: 12.5,
			paymentMethod: 'braintree',
		}),
		spec(
			204,
			'000000093',
			'guest',
			'2026-11-12 19:31:10',
			[configurable(P.WS12, P['WS12-M-Orange'], 2)],
			{
				lifecycle: 'processing',
				updatedAt: '2026-11-12 19:31:12',
				shippingAmount: 10,
				paymentMethod: 'paypal_express',
			},
		),
		spec(205, '000000094', 'veronica', '2026-11-13 11:00:00', [spriteKit(1)], {
			lifecycle: 'processing',
			updatedAt: '2026-11-13 11:00:02',
			...SHIPPING.tablerate,
			shippingAmount: 10,
		}),
		spec(
			206,
			'000000095',
			'roni',
			'2026-11-14 16:45:21',
			[simple(P['24-MB01'], 2), simple(P['24-UG06'], 1), virtual(P['VW-WARRANTY-2Y'], 1)],
			{ lifecycle: 'processing', updatedAt: '2026-11-14 16:45:24', shippingAmount: 15 },
		),
		// New web orders, not yet in SAP.
		/* 101 simple */ spec(
			207,
			'000000101',
			'roni',
			'2026-11-20 08:15:02',
			[simple(P['24-MB01'], 2), simple(P['24-UG06'], 1)],
			{
				lifecycle: 'processing',
				updatedAt: '2026-11-20 08:15:05',
				...SHIPPING.tablerate,
				shippingAmount: 15,
			},
		),
		/* 102 configurable */ spec(
			208,
			'000000102',
			'veronica',
			'2026-11-20 09:30:40',
			[configurable(P.MH01, P['MH01-M-Gray'], 1)],
			{
				lifecycle: 'processing',
				updatedAt: '2026-11-20 09:30:44',
				billing: ADDRESSES.veronica,
				shipping: ADDRESSES.veronicaGift,
			},
		),
		/* 103 bundle */ spec(209, '000000103', 'roni', '2026-11-20 11:02:13', [spriteKit(1)], {
			lifecycle: 'processing',
			updatedAt: '2026-11-20 11:02:16',
			...SHIPPING.ups,
			shippingAmount: 9.99,
			paymentMethod: 'braintree',
		}),
		/* 104 virtual only */ spec(
			210,
			'000000104',
			'veronica',
			'2026-11-20 13:47:55',
			[virtual(P['VW-WARRANTY-2Y'], 1)],
			{ lifecycle: 'pending', shipping: undefined },
		),
		/* 105 mixed with virtual */ spec(
			211,
			'000000105',
			'roni',
			'2026-11-20 15:20:31',
			[simple(P['24-WB04'], 1), virtual(P['VW-WARRANTY-2Y'], 1)],
			{ lifecycle: 'processing', updatedAt: '2026-11-20 15:20:34', shippingAmount: 5 },
		),
		/* 106 guest */ spec(
			212,
			'000000106',
			'guest',
			'2026-11-21 07:55:09',
			[simple(P['24-MB04'], 1)],
			{ lifecycle: 'pending', ...SHIPPING.tablerate, shippingAmount: 8 },
		),
		/* 107 discounted */ spec(
			213,
			'000000107',
			'veronica',
			'2026-11-21 10:10:10',
			[configurable(P.WS12, P['WS12-XS-Blue'], 2, 10), simple(P['24-MB01'], 1, 10)],
			{
				lifecycle: 'processing',
				updatedAt: '2026-11-21 10:10:14',
				couponCode: 'H20',
				paymentMethod: 'braintree',
			},
		),
		/* 108 free shipping */ spec(
			214,
			'000000108',
			'roni',
			'2026-11-21 12:34:56',
			[simple(P['24-MB01'], 1)],
			{
				lifecycle: 'processing',
				updatedAt: '2026-11-21 12:34:59',
				...SHIPPING.free,
				shippingAmount: 0,
			},
		),
		/* 109 EUR, store view 'de', unicode names/address/product */ spec(
			215,
			'000000109',
			'juergen',
			'2026-11-21 16:05:00',
			[simple(P['CAFÉ-CRÈME-250'], 4), simple(P['24-UG06'], 1)],
			{
				lifecycle: 'processing',
				updatedAt: '2026-11-21 16:05:03',
				storeId: 2,
				currency: 'EUR',
				rate: 0.92,
				shippingAmount: 4.6,
				shippingTaxPercent: 20,
				paymentMethod: 'cashondelivery',
			},
		),
		/* 110 LEGACY-404 (SAP lacks the item) */ spec(
			216,
			'000000110',
			'veronica',
			'2026-11-22 08:00:01',
			[simple(P['LEGACY-404'], 1), simple(P['24-UG06'], 2)],
			{ lifecycle: 'processing', updatedAt: '2026-11-22 08:00:04' },
		),
		/* 111 canceled */ spec(
			217,
			'000000111',
			'veronica',
			'2026-11-22 09:45:30',
			[simple(P['24-MB04'], 1)],
			{ lifecycle: 'canceled', updatedAt: '2026-11-22 10:02:11' },
		),
		/* 112 on hold */ spec(
			218,
			'000000112',
			'roni',
			'2026-11-22 11:11:11',
			[simple(P['24-WB04'], 2)],
			{
				lifecycle: 'holded',
				updatedAt: '2026-11-22 11:30:00',
				...SHIPPING.tablerate,
				shippingAmount: 10,
			},
		),
	];
}

/**
 * Prices the store holds that SAP's price list no longer has (a price change not yet synced);
 * every other product has its catalogue price.
 */
export const STALE_PRICES: Record<string, number> = { '24-MB04': 31, 'CAFÉ-CRÈME-250': 12 };

/**
 * The catalogue: every product of PRODUCTS (LEGACY-404 only here, not in SAP), two sources
 * (`default` and `wh02`), stock in the default source that SAP no longer has (100 of each simple
 * product, as after an old import; LEGACY-404 sold out), prices as in PRODUCTS except
 * STALE_PRICES, no special prices.
 */
export function catalogSeed(): CatalogSeed {
	const products: MagentoProduct[] = catalogue().map((p) => ({
		...p,
		price: STALE_PRICES[p.sku] ?? p.price,
		visibility: /^(MH01|WS12)-/.test(p.sku) ? 1 : 4,
		...(p.type_id === 'bundle' ? { price_type: 0 as const } : {}),
	}));
	return {
		products,
		sources: [
			{
				source_code: 'default',
				name: 'Default Source',
				enabled: true,
				country_id: 'US',
				postcode: '90001',
			},
			{
				source_code: 'wh02',
				name: 'Web Shop Warehouse',
				enabled: true,
				country_id: 'US',
				postcode: '10001',
			},
		],
		sourceItems: products
			.filter((p) => p.type_id === 'simple')
			.map((p) => ({
				sku: p.sku,
				source_code: 'default',
				quantity: p.sku === 'LEGACY-404' ? 0 : 100,
				status: p.sku === 'LEGACY-404' ? 0 : 1,
			})),
	};
}

/** A fresh deep copy of the seed on every call. */
export function magentoSeed(): MagentoSeed {
	const counters = { nextItemId: 1001, nextInvoiceId: 1 };
	const orders: MagentoOrder[] = [];
	const invoices: MagentoInvoice[] = [];
	for (const s of seedOrderSpecs()) {
		const built = buildOrder(s, counters);
		orders.push(built.order);
		if (built.invoice) invoices.push(built.invoice);
	}
	return {
		stores: STORES.map((s) => ({ ...s })),
		integration: { ...INTEGRATION },
		adminToken: ADMIN_TOKEN,
		orders,
		shipments: [],
		invoices,
		catalog: catalogSeed(),
	};
}

/**
 * An order outside the seed (for tests): `lines` for customer `who` (default roni), processing
 * (invoiced) unless `lifecycle` says otherwise, with item ids from `entityId * 100`, so it never
 * collides with the seed's.
 */
export function extraOrder(
	entityId: number,
	incrementId: string,
	lines: LineSpec[],
	options: { who?: Who; lifecycle?: OrderSpec['lifecycle'] } = {},
): MagentoOrder {
	const counters = { nextItemId: entityId * 100, nextInvoiceId: entityId };
	return buildOrder(
		spec(entityId, incrementId, options.who ?? 'roni', '2026-11-23 08:00:00', lines, {
			lifecycle: options.lifecycle ?? 'processing',
			updatedAt: '2026-11-23 08:00:02',
		}),
		counters,
	).order;
}

/** Finds a seed order by increment id (throws when absent): handy for unit-test fixtures. */
export function seedOrder(incrementId: string): MagentoOrder {
	const o = magentoSeed().orders.find((x) => x.increment_id === incrementId);
	if (!o) throw new Error(`no seed order ${incrementId}`);
	return o;
}

export interface GenerateOrdersOptions {
	/** First entity_id (default 10001). */
	startEntityId?: number;
	/** First increment number (default 100001 → '000100001'). */
	startIncrement?: number;
	/** First order_item id (default 1000001). */
	startItemId?: number;
	/** created_at of the first order, UTC 'YYYY-MM-DD HH:MM:SS' (default '2026-10-01 00:00:00'). */
	from?: string;
	/** Seconds between consecutive orders (default 37). Every 7th order shares the previous order's updated_at. */
	stepSeconds?: number;
	/** Fraction of orders in store view 'de' (EUR), default 0.1. */
	deShare?: number;
	/** Fraction of orders left 'pending' (not invoiced), default 0.2; the rest are 'processing'. */
	pendingShare?: number;
}

/** Deterministic realistic orders for benchmarks (mix of simple, configurable, bundle, virtual, guest, discounted, EUR). */
export function generateOrders(
	n: number,
	options: GenerateOrdersOptions = {},
): { orders: MagentoOrder[]; invoices: MagentoInvoice[] } {
	const counters = {
		nextItemId: options.startItemId ?? 1_000_001,
		nextInvoiceId: options.startEntityId ?? 10001,
	};
	const startEntity = options.startEntityId ?? 10001;
	const startInc = options.startIncrement ?? 100001;
	const step = options.stepSeconds ?? 37;
	const t0 = Date.parse((options.from ?? '2026-10-01 00:00:00').replace(' ', 'T') + 'Z');
	const deShare = options.deShare ?? 0.1;
	const pendingShare = options.pendingShare ?? 0.2;
	const fmt = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
	const templates: Array<() => LineSpec[]> = [
		() => [simple(P['24-MB01'], 1), simple(P['24-UG06'], 2)],
		() => [configurable(P.MH01, P['MH01-XS-Black'], 1)],
		() => [spriteKit(1)],
		() => [simple(P['24-WB04'], 1), virtual(P['VW-WARRANTY-2Y'], 1)],
		() => [configurable(P.WS12, P['WS12-M-Orange'], 3, 15), simple(P['24-MB04'], 1, 15)],
		() => [simple(P['24-MB04'], 2)],
		() => [configurable(P.MH01, P['MH01-M-Gray'], 1), simple(P['24-UG06'], 1)],
	];
	const orders: MagentoOrder[] = [];
	const invoices: MagentoInvoice[] = [];
	let lastUpdated = 0;
	for (let i = 0; i < n; i++) {
		const created = t0 + i * step * 1000;
		const updated = i % 7 === 6 ? lastUpdated : created + 3000;
		lastUpdated = updated;
		const de = (i * 7919) % 1000 < deShare * 1000;
		const pending = (i * 104729) % 1000 < pendingShare * 1000;
		const who: Who = de ? 'juergen' : (['roni', 'veronica', 'guest'] as const)[i % 3];
		const lines = de
			? [simple(P['CAFÉ-CRÈME-250'], 1 + (i % 4))]
			: templates[i % templates.length]();
		const s = spec(
			startEntity + i,
			String(startInc + i).padStart(9, '0'),
			who,
			fmt(created),
			lines,
			{
				lifecycle: pending ? 'pending' : 'processing',
				updatedAt: fmt(updated),
				...(de ? { storeId: 2, currency: 'EUR', rate: 0.92, shippingTaxPercent: 20 } : {}),
				...(i % 5 === 4 ? SHIPPING.free : {}),
				...(i % 5 === 4 ? { shippingAmount: 0 } : {}),
			},
		);
		const built = buildOrder(s, counters);
		orders.push(built.order);
		if (built.invoice) invoices.push(built.invoice);
	}
	return { orders, invoices };
}
