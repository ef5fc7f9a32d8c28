import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';
import { outcomeOf } from '../../../../shared/outcome';
import type { ItemRecord } from '../../../../shared/runner';
import type { ServiceLayerClient } from '../../../shared/transport/ServiceLayerClient';
import { ORDER_STATUSES } from '../../../../shared/magentoOrder';
import { mapMagentoOrder, orderRecord, type MagentoOrder } from '../../mapping';
import {
	documentFromFields,
	documentFromJson,
	mappingOptionsFromParameters,
	type InputMode,
} from '../../helpers/createInput';
import { CustomerResolver, type CustomerStrategy } from '../../helpers/customers';
import { findOrdersByWebOrderNumbers, postOrderOnce, settleRaces } from '../../helpers/exactlyOnce';
import { locatorValue, webOrderFieldOf } from '../../helpers/orders';
import { businessPartnerLocator } from './common';

// Parameter defaults are the mapping's defaults (DEFAULT_MAPPING_OPTIONS); a unit test holds them equal.
const magento = { inputMode: ['magento'] };
const properties: INodeProperties[] = [
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		options: [
			{
				name: 'Full Document',
				value: 'full',
				description: 'Each item carries the SAP sales order as document',
			},
			{
				name: 'Summary',
				value: 'summary',
				description:
					'Each item carries created, DocEntry, DocNum, webOrderNumber (and warnings): small items, flat memory in big runs',
			},
		],
		default: 'full',
	},
	{
		displayName: 'Input',
		name: 'inputMode',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Magento 2 Order',
				value: 'magento',
				description:
					'The input item is a Magento 2 order (as the Magento 2 node returns it); it is mapped automatically',
			},
			{
				name: 'Fields',
				value: 'fields',
				description: 'Customer, web order number and lines set here',
			},
			{ name: 'Raw JSON', value: 'json', description: 'A Service Layer sales order document' },
		],
		default: 'magento',
	},
	// ---- Magento 2 order ----
	{
		displayName: 'Customer',
		name: 'customerStrategy',
		type: 'options',
		displayOptions: { show: magento },
		options: [
			{
				name: 'Default Business Partner',
				value: 'default',
				description: 'Every web order goes to the default business partner',
			},
			{
				name: 'Find by E-Mail',
				value: 'findByEmail',
				description:
					"The business partner with the customer's e-mail, else the default (guests: the default)",
			},
			{
				name: 'Find or Create by E-Mail',
				value: 'findOrCreate',
				description:
					'The business partner with the e-mail; a new customer is created when there is none',
			},
		],
		default: 'default',
	},
	{
		...businessPartnerLocator,
		displayName: 'Default Business Partner',
		name: 'defaultCardCode',
		required: true,
		displayOptions: { show: magento },
		description:
			'Business partner for web orders (and fallback when no partner matches the e-mail)',
	},
	{
		displayName: 'New Customer Code Prefix',
		name: 'customerCodePrefix',
		type: 'string',
		default: 'W',
		displayOptions: { show: { ...magento, customerStrategy: ['findOrCreate'] } },
		description:
			'Code of a created business partner: this prefix + the Magento customer ID (guests: + G + a hash of the e-mail). At most 15 characters in total.',
	},
	{
		displayName: 'Tax',
		name: 'taxMode',
		type: 'options',
		displayOptions: { show: magento },
		options: [
			{
				name: 'SAP Default',
				value: 'sapDefault',
				description: "SAP's tax determination (business partner / item)",
			},
			{ name: 'Fixed Tax Code', value: 'fixed' },
			{
				name: 'By Rate',
				value: 'rateTable',
				description: "Magento's tax percent of each line picks the tax code",
			},
		],
		default: 'sapDefault',
	},
	{
		displayName: 'Tax Code Name or ID',
		name: 'fixedTaxCode',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getTaxCodes' },
		default: '',
		required: true,
		displayOptions: { show: { ...magento, taxMode: ['fixed'] } },
		description:
			'The tax code of every line. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Tax Rates',
		name: 'taxRates',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add Rate',
		displayOptions: { show: { ...magento, taxMode: ['rateTable'] } },
		options: [
			{
				displayName: 'Rate',
				name: 'rate',
				values: [
					{
						displayName: 'Rate (%)',
						name: 'rate',
						type: 'number',
						typeOptions: { numberPrecision: 4 },
						default: 0,
					},
					{
						displayName: 'Tax Code Name or ID',
						name: 'taxCode',
						type: 'options',
						typeOptions: { loadOptionsMethod: 'getTaxCodesOrSapDefault' },
						default: '',
						description:
							'SAP tax code of the lines with this rate (SAP Default: SAP determines it). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
					},
				],
			},
		],
	},
	{
		displayName: 'Shipping Amount',
		name: 'shippingMode',
		type: 'options',
		displayOptions: { show: magento },
		options: [
			{ name: 'Freight (Additional Expense)', value: 'expense' },
			{
				name: 'Item Line',
				value: 'itemLine',
				description: 'A line with a (non-inventory) shipping item',
			},
			{ name: 'None', value: 'none', description: 'Shipping is not transferred' },
		],
		default: 'expense',
	},
	{
		displayName: 'Freight Code Name or ID',
		name: 'expenseCode',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getExpenseCodes' },
		default: 1,
		displayOptions: { show: { ...magento, shippingMode: ['expense'] } },
		description:
			'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
	},
	{
		displayName: 'Shipping Item Code',
		name: 'shippingItemCode',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { ...magento, shippingMode: ['itemLine'] } },
	},
	{
		displayName: 'Shipping Tax Code Name or ID',
		name: 'shippingTaxCode',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getShippingTaxCodes' },
		default: '',
		displayOptions: { show: { ...magento, shippingMode: ['expense', 'itemLine'] } },
		description:
			'Tax code of the shipping amount (As the Tax Setting Decides: the fixed code, the matching rate, or SAP). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Create Only for Statuses',
		name: 'createStatuses',
		type: 'multiOptions',
		options: ORDER_STATUSES,
		default: [],
		displayOptions: { show: magento },
		description:
			'Magento statuses for which a missing order is created in SAP (none chosen: every status). An order in another status (e.g. one that was completed, cancelled or put on hold since it was fetched) is still looked up: when SAP has it, it is returned as already present; otherwise it is skipped (created false, skipped true), not created.',
	},
	{
		displayName: 'Mapping Options',
		name: 'mapping',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: magento },
		options: [
			{
				displayName: 'Bundles',
				name: 'bundleMode',
				type: 'options',
				options: [
					{ name: 'Children', value: 'children' },
					{ name: 'Parent', value: 'parent' },
				],
				default: 'children',
				description:
					'Whether a bundle becomes its child products or one line with the bundle itself',
			},
			{
				displayName: 'Comments',
				name: 'comments',
				type: 'string',
				default: '',
				description: 'Header remarks (default: "Magento order #&lt;number&gt;")',
			},
			{
				displayName: 'Currency',
				name: 'currency',
				type: 'options',
				options: [
					{ name: "Order's Currency", value: 'order' },
					{ name: "Business Partner's Currency", value: 'none' },
				],
				default: 'order',
			},
			{
				displayName: 'Discounts',
				name: 'discountMode',
				type: 'options',
				options: [
					{ name: 'Discount Percent', value: 'percent' },
					{ name: 'Folded Into the Price', value: 'price' },
				],
				default: 'percent',
			},
			{
				displayName: 'Due Days',
				name: 'dueDays',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description: 'Delivery date = order date + this many days',
			},
			{
				displayName: 'Extra Header Fields (JSON)',
				name: 'extraFields',
				type: 'json',
				default: '{}',
				description: 'Merged into the document header, e.g. {"SalesPersonCode": 3, "Series": 12}',
			},
			{
				displayName: 'Prices',
				name: 'priceMode',
				type: 'options',
				options: [
					{ name: 'Net (Unit Price)', value: 'net' },
					{ name: 'Gross (Price After VAT)', value: 'gross' },
				],
				default: 'net',
			},
			{
				displayName: 'Shipping Methods',
				name: 'shippingMethodMap',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				default: {},
				placeholder: 'Add Shipping Method',
				options: [
					{
						displayName: 'Mapping',
						name: 'mapping',
						values: [
							{
								displayName: 'Magento Shipping Method',
								name: 'magentoMethod',
								type: 'string',
								default: '',
								placeholder: 'flatrate_flatrate',
								description: 'Method code, or carrier prefix such as "ups"',
							},
							{
								displayName: 'Shipping Type Name or ID',
								name: 'shippingType',
								type: 'options',
								typeOptions: { loadOptionsMethod: 'getShippingTypes' },
								default: '',
								description:
									'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
							},
						],
					},
				],
			},
			{
				displayName: 'SKU Mapping',
				name: 'skuMap',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				default: {},
				placeholder: 'Add SKU',
				description: 'Magento SKUs whose SAP item code differs (others are used as they are)',
				options: [
					{
						displayName: 'Mapping',
						name: 'mapping',
						values: [
							{ displayName: 'Magento SKU', name: 'magentoSku', type: 'string', default: '' },
							{ displayName: 'SAP Item Code', name: 'sapItemCode', type: 'string', default: '' },
						],
					},
				],
			},
			{
				displayName: 'Warehouse Name or ID',
				name: 'warehouseCode',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getWarehousesOrItemDefault' },
				default: '',
				description:
					'Warehouse of every line (empty: the item default). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
		],
	},
	// ---- Fields ----
	{
		...businessPartnerLocator,
		displayName: 'Customer',
		name: 'cardCode',
		required: true,
		displayOptions: { show: { inputMode: ['fields'] } },
	},
	{
		displayName: 'Web Order Number',
		name: 'webOrderNumber',
		type: 'string',
		default: '',
		displayOptions: { show: { inputMode: ['fields'] } },
		description:
			'Stored in the web order number field; an order with this number is never created twice',
	},
	{
		displayName: 'Lines',
		name: 'lines',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add Line',
		displayOptions: { show: { inputMode: ['fields'] } },
		options: [
			{
				displayName: 'Line',
				name: 'line',
				values: [
					{ displayName: 'Item Code', name: 'itemCode', type: 'string', default: '' },
					{
						displayName: 'Price',
						name: 'price',
						type: 'number',
						typeOptions: { numberPrecision: 4 },
						default: 0,
						description: 'Unit price before discount and tax',
					},
					{
						displayName: 'Quantity',
						name: 'quantity',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: 1,
					},
					{
						displayName: 'Tax Code Name or ID',
						name: 'taxCode',
						type: 'options',
						typeOptions: { loadOptionsMethod: 'getTaxCodesOrSapDefault' },
						default: '',
						description:
							'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
					},
					{
						displayName: 'Warehouse Name or ID',
						name: 'warehouseCode',
						type: 'options',
						typeOptions: { loadOptionsMethod: 'getWarehousesOrItemDefault' },
						default: '',
						description:
							'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
					},
				],
			},
		],
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: { inputMode: ['fields'] } },
		options: [
			{ displayName: 'Comments', name: 'comments', type: 'string', default: '' },
			{
				displayName: 'Currency',
				name: 'docCurrency',
				type: 'string',
				default: '',
				placeholder: 'EUR',
			},
			{
				displayName: 'Document Date',
				name: 'docDate',
				type: 'dateTime',
				default: '',
				description: 'Default: today',
			},
			{
				displayName: 'Due Days',
				name: 'dueDays',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
			},
			{
				displayName: 'Shipping Type Name or ID',
				name: 'transportationCode',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getShippingTypesOrPartnerDefault' },
				default: '',
				description:
					'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
			},
		],
	},
	// ---- Raw JSON ----
	{
		displayName: 'Document (JSON)',
		name: 'documentJson',
		type: 'json',
		default:
			'{\n  "CardCode": "",\n  "NumAtCard": "",\n  "DocDueDate": "",\n  "DocumentLines": [{ "ItemCode": "", "Quantity": 1, "UnitPrice": 0 }]\n}',
		required: true,
		displayOptions: { show: { inputMode: ['json'] } },
		description:
			'Service Layer sales order body; its web order number field makes the create idempotent',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['create'] } },
	properties,
);

interface Prepared {
	webOrderNumber: string;
	/** The Magento order's status when it is not one to create (the order is only looked up). */
	notEligible?: string;
	build?: () => Promise<{ document: IDataObject; warnings: string[] }>;
	error?: unknown;
}

/** What Create works out for all items at once, before any item is created. */
export interface CreateBatch {
	webOrderField: string;
	prepared: Prepared[];
	/** Web order number → the sales order SAP had before this run (or created in it). */
	existing: Map<string, IDataObject>;
	/** The batched lookup failed: no item with a web order number may be created. */
	lookupError?: unknown;
	/** Web order numbers whose creation failed in this run (later items with the number are not tried). */
	failed: Set<string>;
	/** Web order number → the output of the item that created it in this run (settled in `finish`). */
	created: Map<string, IDataObject>;
	/** Every item's output, to trim when Output is Summary. */
	outputs: IDataObject[];
	summary: boolean;
}

function keep(batch: CreateBatch, json: IDataObject): IDataObject {
	batch.outputs.push(json);
	return json;
}

function present(document: IDataObject, webOrderNumber: string): IDataObject {
	return {
		created: false,
		DocEntry: document.DocEntry,
		DocNum: document.DocNum,
		webOrderNumber,
		document,
	};
}

/** 1. What each item is (its web order number, how to build its document); 2. which web orders SAP has already. */
export async function prepare(
	this: IExecuteFunctions,
	client: ServiceLayerClient,
	items: INodeExecutionData[],
): Promise<CreateBatch> {
	const webOrderField = webOrderFieldOf(this, 0);
	const mode = this.getNodeParameter('inputMode', 0) as InputMode;
	const customers =
		mode === 'magento'
			? new CustomerResolver(
					client,
					this.getNodeParameter('customerStrategy', 0, 'default') as CustomerStrategy,
					locatorValue(this.getNodeParameter('defaultCardCode', 0, '')),
					String(this.getNodeParameter('customerCodePrefix', 0, 'W') ?? 'W'),
				)
			: undefined;
	const prepared: Prepared[] = items.map((item, i) => {
		try {
			if (mode === 'magento') {
				const order = item.json as unknown as MagentoOrder;
				const webOrderNumber =
					typeof order?.increment_id === 'string'
						? order.increment_id.trim()
						: String(order?.increment_id ?? '').trim();
				if (!webOrderNumber)
					throw new Error(`Magento order ${orderRecord(order)}: increment_id is missing`);
				const defaultCardCode = locatorValue(this.getNodeParameter('defaultCardCode', i, ''));
				if (!defaultCardCode)
					throw new Error(`Web order ${webOrderNumber}: Default Business Partner is required`);
				const options = mappingOptionsFromParameters(this, i, webOrderField);
				const statuses = this.getNodeParameter('createStatuses', i, []) as string[];
				const status = String(order.status ?? '');
				const notEligible =
					statuses.length > 0 && !statuses.includes(status) ? status || '(none)' : undefined;
				return {
					webOrderNumber,
					notEligible,
					build: async () => {
						const cardCode = await customers!.resolve(order, i);
						const mapped = mapMagentoOrder(order, { ...options, cardCode });
						return { document: mapped.document as IDataObject, warnings: mapped.warnings };
					},
				};
			}
			const { document, webOrderNumber } =
				mode === 'fields'
					? documentFromFields(this, i, webOrderField)
					: documentFromJson(this, i, webOrderField);
			return { webOrderNumber, build: async () => ({ document, warnings: [] }) };
		} catch (error) {
			const inc = (item.json as IDataObject)?.increment_id;
			return { webOrderNumber: typeof inc === 'string' ? inc : '', error };
		}
	});
	// One request per batch of numbers, not one per item.
	const numbers = prepared.filter((p) => !p.error && p.webOrderNumber).map((p) => p.webOrderNumber);
	const batch: CreateBatch = {
		outputs: [],
		summary: this.getNodeParameter('output', 0, 'full') === 'summary',
		webOrderField,
		prepared,
		existing: new Map(),
		failed: new Set(),
		created: new Map(),
	};
	try {
		batch.existing = await findOrdersByWebOrderNumbers(client, webOrderField, numbers);
	} catch (error) {
		batch.lookupError = error;
	}
	return batch;
}

/** Items with the same web order number run one after another: the first creates, the others find it. */
export function serialiseBy(
	this: IExecuteFunctions,
	i: number,
	batch: CreateBatch,
): string | undefined {
	return batch.prepared[i].webOrderNumber || undefined;
}

/** 3. Creates what is missing, each web order once. */
export async function execute(
	this: IExecuteFunctions,
	client: ServiceLayerClient,
	i: number,
	record: ItemRecord,
	batch: CreateBatch,
): Promise<IDataObject> {
	const p = batch.prepared[i];
	const number = p.webOrderNumber;
	if (number) record.webOrderNumber = number;
	if (p.error) throw p.error;
	if (batch.lookupError && number) throw batch.lookupError;
	const found = number ? batch.existing.get(number) : undefined;
	if (found) return keep(batch, present(found, number));
	if (p.notEligible)
		return keep(batch, {
			created: false,
			skipped: true,
			webOrderNumber: number,
			status: p.notEligible,
			reason: `not in SAP, and its Magento status "${p.notEligible}" is not one of Create Only for Statuses: not created`,
		});
	if (number && batch.failed.has(number))
		throw new Error(
			`Web order ${number}: not created (an earlier item with the same web order number failed)`,
		);
	const posted = await outcomeOf(async () => {
		const { document, warnings } = await p.build!();
		return {
			created: await postOrderOnce(client, document, batch.webOrderField, number, i),
			warnings,
		};
	});
	if (!posted.ok) {
		if (number) batch.failed.add(number);
		throw posted.error;
	}
	const { created, warnings } = posted.value;
	if (number) batch.existing.set(number, created);
	const json: IDataObject = {
		created: true,
		DocEntry: created.DocEntry,
		DocNum: created.DocNum,
		webOrderNumber: number,
		document: created,
	};
	if (warnings.length) json.warnings = warnings;
	if (number) batch.created.set(number, json);
	return keep(batch, json);
}

/**
 * 4. Settles races with overlapping runs: an order this run created that another run created too
 *    is cancelled when it is the younger one, and its item reports the older order as already
 *    present (`created: false`, with `duplicateCancelled`), so it gets no second comment.
 */
export async function finish(
	this: IExecuteFunctions,
	client: ServiceLayerClient,
	batch: CreateBatch,
): Promise<void> {
	const created = new Map(
		[...batch.created].map(([number, json]) => [number, json.document as IDataObject]),
	);
	try {
		await settle.call(this, client, batch, created);
	} finally {
		// Output: Summary — the items stay small (the SAP document is left out).
		if (batch.summary)
			for (const json of batch.outputs) {
				delete json.document;
				if (json.duplicateCancelled) delete (json.duplicateCancelled as IDataObject).document;
			}
	}
}

async function settle(
	this: IExecuteFunctions,
	client: ServiceLayerClient,
	batch: CreateBatch,
	created: Map<string, IDataObject>,
): Promise<void> {
	let lost: Awaited<ReturnType<typeof settleRaces>>;
	try {
		lost = await settleRaces(client, batch.webOrderField, created);
	} catch (error) {
		// The orders are created; only the check for a concurrent duplicate could not be made.
		const warning = `could not check for a sales order created at the same time by another run: ${(error as Error).message}`;
		this.logger.warn(warning);
		for (const json of batch.created.values())
			json.warnings = [...((json.warnings as string[] | undefined) ?? []), warning];
		return;
	}
	for (const [number, race] of lost) {
		const json = batch.created.get(number)!;
		const cancelled = json.document;
		for (const key of Object.keys(json)) delete json[key];
		Object.assign(json, {
			created: false,
			DocEntry: race.survivor.DocEntry,
			DocNum: race.survivor.DocNum,
			webOrderNumber: number,
			document: race.survivor,
			duplicateCancelled: { ...race.cancelled, document: cancelled },
			reason: `another run created web order ${number} at the same time as sales order ${String(race.survivor.DocNum)}; this run's sales order ${String(race.cancelled.DocNum)} was cancelled`,
		});
	}
}
