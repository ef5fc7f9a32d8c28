/** Turns an input item into a sales order document, for each of Create's three input modes. */
import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';
import { DEFAULT_MAPPING_OPTIONS, type MappingOptions } from '../mapping';
import { locatorValue } from './orders';

export type InputMode = 'magento' | 'fields' | 'json';

/** Mapping options (everything but the CardCode) from the node's parameters for item `i`. */
export function mappingOptionsFromParameters(
	ctx: IExecuteFunctions,
	i: number,
	webOrderField: string,
): Omit<MappingOptions, 'cardCode'> {
	const p = (name: string, fallback: unknown) => ctx.getNodeParameter(name, i, fallback);
	const mapping = p('mapping', {}) as IDataObject;
	const skuRows = ((mapping.skuMap as IDataObject | undefined)?.mapping ?? []) as IDataObject[];
	const methodRows = ((mapping.shippingMethodMap as IDataObject | undefined)?.mapping ??
		[]) as IDataObject[];
	const rateRows = ((p('taxRates', {}) as IDataObject).rate ?? []) as IDataObject[];
	const taxMode = p('taxMode', DEFAULT_MAPPING_OPTIONS.taxMode) as MappingOptions['taxMode'];
	const shippingMode = p(
		'shippingMode',
		DEFAULT_MAPPING_OPTIONS.shipping.mode,
	) as MappingOptions['shipping']['mode'];
	const options: Omit<MappingOptions, 'cardCode'> = {
		...DEFAULT_MAPPING_OPTIONS,
		webOrderField,
		taxMode,
		skuMap: Object.fromEntries(
			skuRows
				.filter((r) => String(r.magentoSku ?? '').trim())
				.map((r) => [String(r.magentoSku).trim(), String(r.sapItemCode ?? '').trim()]),
		),
		shippingMethodMap: Object.fromEntries(
			methodRows
				.filter((r) => String(r.magentoMethod ?? '').trim())
				.map((r) => [String(r.magentoMethod).trim(), Number(r.shippingType)]),
		),
		shipping: { mode: shippingMode },
	};
	if (taxMode === 'fixed') options.fixedTaxCode = String(p('fixedTaxCode', '') || '') || undefined;
	if (taxMode === 'rateTable')
		// A row without a code (SAP Default) sends no tax code for its rate: SAP determines it.
		options.taxRates = rateRows.map((r) => ({
			rate: Number(r.rate),
			taxCode: String(r.taxCode ?? '').trim(),
		}));
	if (shippingMode === 'expense')
		options.shipping.expenseCode = Number(
			p('expenseCode', DEFAULT_MAPPING_OPTIONS.shipping.expenseCode),
		);
	if (shippingMode === 'itemLine')
		options.shipping.itemCode = String(p('shippingItemCode', '') || '') || undefined;
	if (shippingMode !== 'none') {
		const code = String(p('shippingTaxCode', '') || '');
		if (code) options.shipping.taxCode = code;
	}
	if (mapping.warehouseCode) options.warehouseCode = String(mapping.warehouseCode);
	if (mapping.priceMode) options.priceMode = mapping.priceMode as MappingOptions['priceMode'];
	if (mapping.discountMode)
		options.discountMode = mapping.discountMode as MappingOptions['discountMode'];
	if (mapping.bundleMode) options.bundleMode = mapping.bundleMode as MappingOptions['bundleMode'];
	if (mapping.currency) options.currency = mapping.currency as MappingOptions['currency'];
	if (typeof mapping.dueDays === 'number') options.dueDays = mapping.dueDays;
	if (typeof mapping.comments === 'string' && mapping.comments) options.comments = mapping.comments;
	if (mapping.extraFields !== undefined && mapping.extraFields !== '')
		options.extraFields = parseJsonObject(ctx, mapping.extraFields, 'Extra Header Fields', i);
	return options;
}

export function parseJsonObject(
	ctx: IExecuteFunctions,
	value: unknown,
	what: string,
	i: number,
): IDataObject {
	let parsed = value;
	if (typeof value === 'string') {
		try {
			parsed = JSON.parse(value);
		} catch (error) {
			throw new NodeOperationError(
				ctx.getNode(),
				`${what} is not valid JSON: ${(error as Error).message}`,
				{ itemIndex: i },
			);
		}
	}
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
		throw new NodeOperationError(ctx.getNode(), `${what} must be a JSON object`, { itemIndex: i });
	return parsed as IDataObject;
}

function isoDate(date: Date): string {
	return date.toISOString().slice(0, 10);
}

/** Document from the "Fields" mode. */
export function documentFromFields(
	ctx: IExecuteFunctions,
	i: number,
	webOrderField: string,
): { document: IDataObject; webOrderNumber: string } {
	const node = ctx.getNode();
	const cardCode = locatorValue(ctx.getNodeParameter('cardCode', i, ''));
	if (!cardCode)
		throw new NodeOperationError(node, 'Customer (CardCode) is required', { itemIndex: i });
	const webOrderNumber = String(ctx.getNodeParameter('webOrderNumber', i, '') ?? '').trim();
	const rows = ((ctx.getNodeParameter('lines', i, {}) as IDataObject).line ?? []) as IDataObject[];
	if (rows.length === 0)
		throw new NodeOperationError(
			node,
			`${webOrderNumber ? `Web order ${webOrderNumber}: ` : ''}at least one line is required`,
			{ itemIndex: i },
		);
	const lines = rows.map((row, n) => {
		const itemCode = String(row.itemCode ?? '').trim();
		const quantity = Number(row.quantity);
		if (!itemCode)
			throw new NodeOperationError(node, `Line ${n + 1}: Item Code is required`, { itemIndex: i });
		if (!(quantity > 0))
			throw new NodeOperationError(
				node,
				`Line ${n + 1} (${itemCode}): Quantity must be greater than 0`,
				{ itemIndex: i },
			);
		const line: IDataObject = { ItemCode: itemCode, Quantity: quantity };
		if (row.price !== undefined && row.price !== '' && row.price !== null && Number(row.price) >= 0)
			line.UnitPrice = Number(row.price);
		if (row.warehouseCode) line.WarehouseCode = String(row.warehouseCode);
		if (row.taxCode) line.TaxCode = String(row.taxCode);
		return line;
	});
	const extra = ctx.getNodeParameter('additionalFields', i, {}) as IDataObject;
	const docDate = String(extra.docDate ?? '').slice(0, 10) || isoDate(new Date());
	const dueDays = Number(extra.dueDays ?? 0) || 0;
	const due = new Date(`${docDate}T00:00:00Z`);
	due.setUTCDate(due.getUTCDate() + dueDays);
	const document: IDataObject = {
		CardCode: cardCode,
		DocDate: docDate,
		DocDueDate: isoDate(due),
		DocumentLines: lines,
	};
	if (webOrderNumber) document[webOrderField] = webOrderNumber;
	if (extra.comments) document.Comments = String(extra.comments);
	if (extra.transportationCode) document.TransportationCode = Number(extra.transportationCode);
	if (extra.docCurrency) document.DocCurrency = String(extra.docCurrency);
	return { document, webOrderNumber };
}

/** Document from the "Raw JSON" mode; the web order number is read from the document itself. */
export function documentFromJson(
	ctx: IExecuteFunctions,
	i: number,
	webOrderField: string,
): { document: IDataObject; webOrderNumber: string } {
	const document = parseJsonObject(
		ctx,
		ctx.getNodeParameter('documentJson', i, '{}'),
		'Document JSON',
		i,
	);
	const value = document[webOrderField];
	const webOrderNumber = value === undefined || value === null ? '' : String(value).trim();
	return { document, webOrderNumber };
}
