/**
 * Marketing documents (Orders, object 17; DeliveryNotes, object 15): create, patch and the bound
 * actions Close / Cancel / Reopen, with the validation and side effects SAP B1 applies.
 */
import {
	sapTaxRate,
	type SapDocument,
	type SapDocumentExpense,
	type SapDocumentLine,
	type SapSeed,
} from '../seed/sap';
import {
	ADDRESS_TEXT_LENGTHS,
	DOCUMENT_LINE_TEXT_LENGTHS,
	DOCUMENT_TEXT_LENGTHS,
} from '../seed/sapLengths';
import { documentTotals, priceLine, type MathExpense, type MathLine } from './documentMath';
import {
	ADDRESS_EXTENSION_PROPS,
	DOCUMENT_EXPENSE_PROPS,
	DOCUMENT_LINE_PROPS,
	DOCUMENT_LINE_READ_ONLY,
	DOCUMENT_READ_ONLY,
	type EntitySetDef,
} from './entities';
import { errors } from './errors';
import {
	checkArray,
	checkLengths,
	checkNumber,
	checkObject,
	checkProps,
	localDate,
	localTime,
	normalizeDate,
	type Body,
} from './validate';

export type DocumentSet = 'Orders' | 'DeliveryNotes';

export interface DocContext {
	state: SapSeed;
	now: () => Date;
	userFields: readonly string[];
	def: EntitySetDef;
	/** The logged-in user's default warehouse (default '01'). */
	userDefaultWarehouse?: string;
}

const OBJECT_CODE = { Orders: 'oOrders', DeliveryNotes: 'oDeliveryNotes' } as const;
const LOCAL_CURRENCY = 'USD';
const DEFAULT_WAREHOUSE = '01';

/**
 * What SAP fills in on a line that omits it (API-FACTS Corrections; SAP B1's document defaults):
 * - tax: US localisation (sales tax codes) takes the tax code of the partner's ship-to address
 *   (`BPAddresses[].TaxCode` of the document's `ShipToCode`, else the partner's default ship-to);
 *   VAT localisations take the item's sales VAT group (`Items.SalesVATGroup`), else the partner's
 *   (`BusinessPartners.VatGroup`), written to the line's `VatGroup`;
 * - price: the item's price in the partner's price list (`BusinessPartners.PriceListNum`, else 1);
 * - warehouse: the item's default warehouse (`Items.DefaultWarehouse`), else the user's default.
 * A freight line without a tax code takes its expense's output VAT group (`OutputVatGroup`).
 */
export function lineDefaults(
	state: SapSeed,
	doc: Pick<SapDocument, 'CardCode'> & { ShipToCode?: unknown },
	itemCode: string,
	userDefaultWarehouse = DEFAULT_WAREHOUSE,
): { TaxCode?: string; VatGroup?: string; UnitPrice: number; WarehouseCode: string } {
	const partner = state.BusinessPartners.find((b) => b.CardCode === doc.CardCode);
	const item = state.Items.find((i) => i.ItemCode === itemCode);
	const out: { TaxCode?: string; VatGroup?: string; UnitPrice: number; WarehouseCode: string } = {
		UnitPrice: 0,
		WarehouseCode: String(item?.DefaultWarehouse || userDefaultWarehouse),
	};
	const shipTos = (partner?.BPAddresses ?? []).filter((a) => a.AddressType === 'bo_ShipTo');
	const shipToName = doc.ShipToCode ?? partner?.ShipToDefault;
	const shipTo = shipTos.find((a) => a.AddressName === shipToName) ?? shipTos[0];
	const vat =
		(item?.SalesVATGroup as string | undefined) || (partner?.VatGroup as string | undefined);
	if (shipTo?.TaxCode) out.TaxCode = String(shipTo.TaxCode);
	else if (vat) out.VatGroup = vat;
	const list = Number(partner?.PriceListNum ?? 1) || 1;
	out.UnitPrice =
		item?.ItemPrices.find((p) => p.PriceList === list)?.Price ?? item?.ItemPrices[0]?.Price ?? 0;
	return out;
}

const at = (i: number) => `[line: ${i + 1}]`;
const clone = <T>(v: T): T => structuredClone(v);

function stamp(doc: SapDocument, now: Date): void {
	doc.UpdateDate = localDate(now);
	doc.UpdateTime = localTime(now);
}

function taxExists(state: SapSeed, code: string): boolean {
	return (
		state.SalesTaxCodes.some((t) => t.Code === code) || state.VatGroups.some((t) => t.Code === code)
	);
}

/** Shape checks on a request body (unknown properties, nested collections). */
function checkBody(ctx: DocContext, body: Body): void {
	checkProps(body, ctx.def.props, 'Document', ctx.userFields);
	if (body.DocumentLines !== undefined)
		checkArray(body.DocumentLines, 'DocumentLines').forEach((l) =>
			checkProps(l, DOCUMENT_LINE_PROPS, 'DocumentLine'),
		);
	if (body.DocumentAdditionalExpenses !== undefined) {
		checkArray(body.DocumentAdditionalExpenses, 'DocumentAdditionalExpenses').forEach((e) =>
			checkProps(e, DOCUMENT_EXPENSE_PROPS, 'DocumentAdditionalExpense'),
		);
	}
	if (body.AddressExtension !== undefined && body.AddressExtension !== null) {
		checkProps(
			checkObject(body.AddressExtension, 'AddressExtension'),
			ADDRESS_EXTENSION_PROPS,
			'AddressExtension',
		);
	}
}

/** Validates a complete draft and fills every computed field (prices, totals, defaults). */
function finish(ctx: DocContext, set: DocumentSet, doc: SapDocument): void {
	const { state } = ctx;
	for (const p of ['DocDate', 'DocDueDate', 'TaxDate'] as const)
		doc[p] = normalizeDate(doc[p], p) as string;
	if (!doc.CardCode) throw errors.business('Specify a business partner code [Document.CardCode]');
	const partner = state.BusinessPartners.find((b) => b.CardCode === doc.CardCode);
	if (!partner) throw errors.business(`Invalid BP code '${doc.CardCode}' [Document.CardCode]`);
	if (partner.Frozen === 'tYES' || partner.Valid === 'tNO')
		throw errors.business(`Business partner '${doc.CardCode}' is inactive [Document.CardCode]`);
	if (!doc.DocDueDate) {
		if (set === 'Orders')
			throw errors.validation('Specify the delivery date [Document.DocDueDate]');
		doc.DocDueDate = doc.DocDate;
	}
	doc.CardName = doc.CardName || partner.CardName;
	doc.DocCurrency =
		doc.DocCurrency || (partner.Currency === '##' ? LOCAL_CURRENCY : partner.Currency);
	if (doc.TransportationCode !== null && doc.TransportationCode !== undefined) {
		const code = checkNumber(doc.TransportationCode, 'TransportationCode');
		if (!state.ShippingTypes.some((s) => s.Code === code))
			throw errors.business(
				`Invalid shipping type '${doc.TransportationCode}' [Document.TransportationCode]`,
			);
		doc.TransportationCode = code;
	}
	doc.DiscountPercent = checkNumber(doc.DiscountPercent ?? 0, 'DiscountPercent');
	if (doc.DiscountPercent < 0 || doc.DiscountPercent > 100)
		throw errors.validation('Discount must be between 0 and 100 [Document.DiscountPercent]');
	checkLengths(doc, 'Document', DOCUMENT_TEXT_LENGTHS);
	checkLengths(doc.AddressExtension ?? {}, 'AddressExtension', ADDRESS_TEXT_LENGTHS);

	if (!Array.isArray(doc.DocumentLines) || doc.DocumentLines.length === 0)
		throw errors.validation('Cannot add document without rows [Document.DocumentLines]');
	doc.DocumentLines.forEach((line, i) => finishLine(ctx, doc, line, i));
	doc.DocumentAdditionalExpenses = (doc.DocumentAdditionalExpenses ?? []).map((e, i) =>
		finishExpense(ctx, e, i),
	);

	const rate = (code?: string | null, vat?: string | null) => sapTaxRate(state, code ?? vat);
	Object.assign(
		doc,
		documentTotals(
			doc.DocumentLines as MathLine[],
			doc.DocumentAdditionalExpenses as MathExpense[],
			doc.DiscountPercent,
			rate,
		),
	);
}

function finishLine(ctx: DocContext, doc: SapDocument, line: SapDocumentLine, i: number): void {
	const { state } = ctx;
	line.LineNum = line.LineNum ?? i;
	if (!line.ItemCode)
		throw errors.validation(
			`Item number is missing; specify an item number [DocumentLines.ItemCode]${at(i)}`,
		);
	const item = state.Items.find((it) => it.ItemCode === line.ItemCode);
	if (!item)
		throw errors.business(
			`Invalid item number '${line.ItemCode}' [DocumentLines.ItemCode]${at(i)}`,
		);
	if (item.SalesItem !== 'tYES' || item.Frozen === 'tYES' || item.Valid === 'tNO')
		throw errors.business(
			`Item '${line.ItemCode}' is inactive or not a sales item [DocumentLines.ItemCode]${at(i)}`,
		);
	if (line.Quantity === undefined || line.Quantity === null)
		throw errors.validation(`Specify a quantity [DocumentLines.Quantity]${at(i)}`);
	line.Quantity = checkNumber(line.Quantity, 'Quantity', ` [DocumentLines.Quantity]${at(i)}`);
	if (line.Quantity <= 0)
		throw errors.validation(`Quantity must be greater than zero [DocumentLines.Quantity]${at(i)}`);
	const defaults = lineDefaults(state, doc, line.ItemCode, ctx.userDefaultWarehouse);
	line.WarehouseCode = line.WarehouseCode || defaults.WarehouseCode;
	if (!state.Warehouses.some((w) => w.WarehouseCode === line.WarehouseCode))
		throw errors.business(
			`Invalid warehouse code '${line.WarehouseCode}' [DocumentLines.WarehouseCode]${at(i)}`,
		);
	for (const p of ['TaxCode', 'VatGroup'] as const) {
		const code = line[p] as string | null | undefined;
		if (code && !taxExists(state, code))
			throw errors.business(`Invalid tax code '${code}' [DocumentLines.${p}]${at(i)}`);
	}
	for (const p of ['UnitPrice', 'Price', 'PriceAfterVAT', 'DiscountPercent'] as const) {
		if (line[p] !== undefined && line[p] !== null)
			line[p] = checkNumber(line[p], p, ` [DocumentLines.${p}]${at(i)}`);
		if ((line[p] as number) < 0)
			throw errors.validation(`Negative value not allowed [DocumentLines.${p}]${at(i)}`);
	}
	if ((line.DiscountPercent ?? 0) > 100)
		throw errors.validation(
			`Discount must be between 0 and 100 [DocumentLines.DiscountPercent]${at(i)}`,
		);
	if (line.UnitPrice == null && line.Price == null && line.PriceAfterVAT == null)
		line.UnitPrice = defaults.UnitPrice;
	line.ItemDescription = line.ItemDescription || item.ItemName;
	if (!line.TaxCode && !line.VatGroup) {
		if (defaults.TaxCode) line.TaxCode = defaults.TaxCode;
		else if (defaults.VatGroup) line.VatGroup = defaults.VatGroup;
	}
	line.TaxCode = line.TaxCode ?? null;
	line.Currency = doc.DocCurrency;
	line.DocEntry = doc.DocEntry;
	line.BaseType = line.BaseType ?? -1;
	line.BaseEntry = line.BaseEntry ?? null;
	line.BaseLine = line.BaseLine ?? null;
	checkLengths(line, 'DocumentLine', DOCUMENT_LINE_TEXT_LENGTHS, ` [DocumentLines]${at(i)}`);
	priceLine(
		line as MathLine,
		sapTaxRate(state, (line.TaxCode as string | null) ?? (line.VatGroup as string | null)),
	);
}

function finishExpense(ctx: DocContext, e: SapDocumentExpense, i: number): SapDocumentExpense {
	const code = checkNumber(
		e.ExpenseCode,
		'ExpenseCode',
		` [DocumentAdditionalExpenses.ExpenseCode]${at(i)}`,
	);
	if (!ctx.state.AdditionalExpenses.some((x) => x.ExpensCode === code)) {
		throw errors.business(
			`Invalid expense code '${e.ExpenseCode}' [DocumentAdditionalExpenses.ExpenseCode]${at(i)}`,
		);
	}
	for (const p of ['TaxCode', 'VatGroup'] as const) {
		const c = e[p];
		if (c && !taxExists(ctx.state, c))
			throw errors.business(`Invalid tax code '${c}' [DocumentAdditionalExpenses.${p}]${at(i)}`);
	}
	const setup = ctx.state.AdditionalExpenses.find((x) => x.ExpensCode === code);
	const vatGroup =
		!e.TaxCode && !e.VatGroup ? (setup?.OutputVatGroup as string | undefined) : undefined;
	return {
		...e,
		...(vatGroup ? { VatGroup: vatGroup } : {}),
		ExpenseCode: code,
		LineTotal: checkNumber(
			e.LineTotal ?? 0,
			'LineTotal',
			` [DocumentAdditionalExpenses.LineTotal]${at(i)}`,
		),
		TaxCode: e.TaxCode ?? null,
		VatGroup: vatGroup ?? e.VatGroup ?? null,
		TaxSum: 0,
	};
}

/** Delivery lines based on order lines: copy item data, check the order is open and has enough open quantity. */
function resolveBaseLines(ctx: DocContext, set: DocumentSet, doc: SapDocument): void {
	doc.DocumentLines.forEach((line, i) => {
		const baseType = line.BaseType ?? -1;
		if (baseType === -1 || baseType === null) return;
		if (set !== 'DeliveryNotes' || Number(baseType) !== 17)
			throw errors.validation(
				`Invalid base document type '${baseType}' [DocumentLines.BaseType]${at(i)}`,
			);
		const order = ctx.state.Orders.find((o) => o.DocEntry === Number(line.BaseEntry));
		if (!order)
			throw errors.business(
				`Base document '${line.BaseEntry}' does not exist [DocumentLines.BaseEntry]${at(i)}`,
			);
		const base = order.DocumentLines.find((l) => l.LineNum === Number(line.BaseLine));
		if (!base)
			throw errors.business(
				`Base line '${line.BaseLine}' does not exist in document ${order.DocEntry} [DocumentLines.BaseLine]${at(i)}`,
			);
		if (order.CardCode !== doc.CardCode)
			throw errors.business(`Business partner of the base document differs [Document.CardCode]`);
		if (
			order.Cancelled === 'tYES' ||
			order.DocumentStatus === 'bost_Close' ||
			base.LineStatus === 'bost_Close'
		) {
			throw errors.business(
				`Target document cannot be based on a closed document or row [DocumentLines.BaseEntry]${at(i)}`,
			);
		}
		if (line.ItemCode && line.ItemCode !== base.ItemCode)
			throw errors.business(
				`Item differs from the base document row [DocumentLines.ItemCode]${at(i)}`,
			);
		line.BaseType = 17;
		line.BaseEntry = order.DocEntry;
		line.BaseLine = base.LineNum;
		line.ItemCode = base.ItemCode;
		line.ItemDescription = line.ItemDescription || base.ItemDescription;
		line.WarehouseCode = line.WarehouseCode || base.WarehouseCode;
		line.TaxCode = line.TaxCode ?? base.TaxCode;
		line.DiscountPercent = line.DiscountPercent ?? base.DiscountPercent;
		if (line.UnitPrice == null && line.Price == null && line.PriceAfterVAT == null)
			line.UnitPrice = base.UnitPrice;
		const qty = line.Quantity ?? base.RemainingOpenQuantity;
		line.Quantity = qty;
		if (Number(qty) > base.RemainingOpenQuantity) {
			throw errors.validation(
				`Quantity exceeds the open quantity ${base.RemainingOpenQuantity} of the base document row [DocumentLines.Quantity]${at(i)}`,
			);
		}
	});
	if (set === 'DeliveryNotes' && doc.TransportationCode === undefined) {
		const first = doc.DocumentLines.find((l) => l.BaseType === 17);
		const order = first && ctx.state.Orders.find((o) => o.DocEntry === first.BaseEntry);
		if (order) doc.TransportationCode = order.TransportationCode;
	}
}

function applyToBaseOrders(
	ctx: DocContext,
	lines: SapDocumentLine[],
	sign: 1 | -1,
	now: Date,
): void {
	for (const l of lines) {
		if (l.BaseType !== 17) continue;
		const order = ctx.state.Orders.find((o) => o.DocEntry === l.BaseEntry);
		const base = order?.DocumentLines.find((x) => x.LineNum === l.BaseLine);
		if (!order || !base) continue;
		base.RemainingOpenQuantity = Math.max(0, base.RemainingOpenQuantity - sign * l.Quantity);
		base.LineStatus = base.RemainingOpenQuantity > 0 ? 'bost_Open' : 'bost_Close';
		if (order.Cancelled !== 'tYES')
			order.DocumentStatus = order.DocumentLines.every((x) => x.LineStatus === 'bost_Close')
				? 'bost_Close'
				: 'bost_Open';
		stamp(order, now);
	}
}

/** Highest key seen per document array and how many documents were scanned for it. */
const highest = new WeakMap<
	SapDocument[],
	Record<'DocEntry' | 'DocNum', { scanned: number; max: number }>
>();

/**
 * The next DocEntry / DocNum: one more than the highest. Documents are only ever appended, so
 * only the ones added since the last call are scanned (a full scan each time made creating the
 * n-th document cost O(n) in the emulator).
 */
function nextOf(docs: SapDocument[], key: 'DocEntry' | 'DocNum'): number {
	let seen = highest.get(docs);
	if (!seen)
		highest.set(
			docs,
			(seen = { DocEntry: { scanned: 0, max: 0 }, DocNum: { scanned: 0, max: 0 } }),
		);
	const s = seen[key];
	if (s.scanned > docs.length) Object.assign(s, { scanned: 0, max: 0 });
	for (; s.scanned < docs.length; s.scanned++) s.max = Math.max(s.max, docs[s.scanned][key]);
	return s.max + 1;
}

export function createDocument(ctx: DocContext, set: DocumentSet, input: Body): SapDocument {
	checkBody(ctx, input);
	const body = clone(input);
	for (const k of Object.keys(body))
		if (DOCUMENT_READ_ONLY.has(k) || k.includes('odata.')) delete body[k];
	const now = ctx.now();
	const docs = ctx.state[set];
	const lines = ((body.DocumentLines as Body[] | undefined) ?? []).map((l, i) => {
		const line = { ...l };
		for (const k of DOCUMENT_LINE_READ_ONLY) delete line[k];
		return { ...line, LineNum: i } as unknown as SapDocumentLine;
	});
	const userFields = Object.fromEntries(ctx.userFields.map((u) => [u, null]));
	const doc = {
		DocType: 'dDocument_Items',
		Series: 4,
		DocDate: localDate(now),
		NumAtCard: null,
		Comments: null,
		DocRate: 1,
		TrackingNumber: null,
		SalesPersonCode: -1,
		ContactPersonCode: null,
		Rounding: 'tNO',
		RoundingDiffAmount: 0,
		AddressExtension: {},
		...userFields,
		...body,
		DocEntry: nextOf(docs, 'DocEntry'),
		DocNum: nextOf(docs, 'DocNum'),
		DocObjectCode: OBJECT_CODE[set],
		DocumentStatus: 'bost_Open',
		Cancelled: 'tNO',
		CancelStatus: 'csNo',
		CreationDate: localDate(now),
		UpdateDate: localDate(now),
		UpdateTime: localTime(now),
		DocumentLines: lines,
		DocumentAdditionalExpenses:
			(body.DocumentAdditionalExpenses as SapDocumentExpense[] | undefined) ?? [],
	} as SapDocument;
	doc.TaxDate = (body.TaxDate as string) ?? doc.DocDate;
	if (!doc.CardCode) throw errors.business('Specify a business partner code [Document.CardCode]');
	resolveBaseLines(ctx, set, doc);
	doc.TransportationCode ??= null;
	finish(ctx, set, doc);
	for (const l of doc.DocumentLines) {
		l.RemainingOpenQuantity = l.Quantity;
		l.LineStatus = 'bost_Open';
	}
	docs.push(doc);
	applyToBaseOrders(ctx, doc.DocumentLines, 1, now);
	return doc;
}

const PRICE_FIELDS = ['UnitPrice', 'Price', 'PriceAfterVAT'] as const;

export function patchDocument(
	ctx: DocContext,
	set: DocumentSet,
	doc: SapDocument,
	input: Body,
	replaceCollections: boolean,
): void {
	checkBody(ctx, input);
	const body = clone(input);
	for (const k of Object.keys(body))
		if (DOCUMENT_READ_ONLY.has(k) || k.includes('odata.')) delete body[k];
	const closed =
		doc.DocumentStatus === 'bost_Close' || doc.Cancelled === 'tYES' || doc.CancelStatus !== 'csNo';
	const touchesLines =
		body.DocumentLines !== undefined || body.DocumentAdditionalExpenses !== undefined;
	if (closed && touchesLines)
		throw errors.validation(
			'Cannot update rows of a closed or cancelled document [Document.DocumentLines]',
		);
	if (set === 'DeliveryNotes' && body.DocumentLines !== undefined)
		throw errors.validation('Field cannot be updated (ODBC -1029) [DocumentLines]');
	if (body.CardCode !== undefined && body.CardCode !== doc.CardCode)
		throw errors.validation('Field cannot be updated (ODBC -1029) [Document.CardCode]');

	const draft = clone(doc);
	const {
		DocumentLines: bodyLines,
		DocumentAdditionalExpenses: bodyExpenses,
		AddressExtension: bodyAddress,
		...header
	} = body;
	Object.assign(draft, header);
	if (bodyAddress !== undefined)
		draft.AddressExtension =
			replaceCollections || bodyAddress === null
				? ((bodyAddress ?? {}) as Body)
				: { ...draft.AddressExtension, ...(bodyAddress as Body) };

	const delivered = new Map(
		doc.DocumentLines.map((l) => [l.LineNum, l.Quantity - l.RemainingOpenQuantity]),
	);
	if (bodyLines !== undefined) {
		const patchLines = (bodyLines as Body[]).map((l) => {
			const copy = { ...l };
			for (const k of DOCUMENT_LINE_READ_ONLY) delete copy[k];
			return copy;
		});
		if (replaceCollections) {
			if ([...delivered.values()].some((q) => q > 0))
				throw errors.validation(
					'Cannot replace rows that were copied to a target document [Document.DocumentLines]',
				);
			draft.DocumentLines = patchLines.map(
				(l, i) => ({ ...l, LineNum: i }) as unknown as SapDocumentLine,
			);
		} else {
			let next = draft.DocumentLines.reduce((m, l) => Math.max(m, l.LineNum), -1) + 1;
			for (const pl of patchLines) {
				const existing =
					pl.LineNum !== undefined
						? draft.DocumentLines.find((l) => l.LineNum === Number(pl.LineNum))
						: undefined;
				if (existing) {
					if (PRICE_FIELDS.some((p) => pl[p] !== undefined))
						for (const p of PRICE_FIELDS) if (pl[p] === undefined) delete existing[p];
					if (
						pl.ItemCode !== undefined &&
						pl.ItemCode !== existing.ItemCode &&
						(delivered.get(existing.LineNum) ?? 0) > 0
					) {
						throw errors.validation(
							`Cannot change the item of a row copied to a target document [DocumentLines.ItemCode][line: ${existing.LineNum + 1}]`,
						);
					}
					Object.assign(existing, pl);
				} else {
					draft.DocumentLines.push({
						...pl,
						LineNum: next++,
						BaseType: -1,
					} as unknown as SapDocumentLine);
				}
			}
		}
	}
	if (bodyExpenses !== undefined) {
		const list = bodyExpenses as SapDocumentExpense[];
		if (replaceCollections) draft.DocumentAdditionalExpenses = list;
		else
			for (const e of list) {
				const existing = draft.DocumentAdditionalExpenses.find(
					(x) => x.ExpenseCode === Number(e.ExpenseCode),
				);
				if (existing) Object.assign(existing, e);
				else draft.DocumentAdditionalExpenses.push(e);
			}
	}
	finish(ctx, set, draft);
	draft.DocumentLines.forEach((l, i) => {
		const done = delivered.get(l.LineNum) ?? 0;
		if (l.Quantity < done)
			throw errors.validation(
				`Quantity cannot be less than the quantity already delivered (${done}) [DocumentLines.Quantity][line: ${i + 1}]`,
			);
		l.RemainingOpenQuantity = l.Quantity - done;
		l.LineStatus =
			l.RemainingOpenQuantity > 0 && draft.DocumentStatus === 'bost_Open'
				? 'bost_Open'
				: 'bost_Close';
	});
	stamp(draft, ctx.now());
	Object.assign(doc, draft);
}

export function documentAction(
	ctx: DocContext,
	set: DocumentSet,
	doc: SapDocument,
	action: string,
): void {
	const now = ctx.now();
	const cancelled = doc.Cancelled === 'tYES' || doc.CancelStatus !== 'csNo';
	switch (`${set}/${action}`) {
		case 'Orders/Close':
		case 'DeliveryNotes/Close':
			if (cancelled) throw errors.validation('Cannot close a cancelled document');
			if (doc.DocumentStatus === 'bost_Close')
				throw errors.validation('Document is already closed');
			doc.DocumentStatus = 'bost_Close';
			doc.DocumentLines.forEach((l) => (l.LineStatus = 'bost_Close'));
			break;
		case 'Orders/Reopen':
			if (cancelled) throw errors.validation('Cannot reopen a cancelled document');
			if (doc.DocumentStatus === 'bost_Open') throw errors.validation('Document is already open');
			if (!doc.DocumentLines.some((l) => l.RemainingOpenQuantity > 0))
				throw errors.validation('Cannot reopen a document without open quantities');
			doc.DocumentStatus = 'bost_Open';
			doc.DocumentLines.forEach(
				(l) => (l.LineStatus = l.RemainingOpenQuantity > 0 ? 'bost_Open' : 'bost_Close'),
			);
			break;
		case 'Orders/Cancel':
			if (cancelled) throw errors.validation('Document is already cancelled');
			if (doc.DocumentStatus === 'bost_Close')
				throw errors.validation('Cannot cancel a closed document');
			if (doc.DocumentLines.some((l) => l.RemainingOpenQuantity < l.Quantity)) {
				throw errors.validation('Cannot cancel document; rows were copied to a target document');
			}
			Object.assign(doc, {
				Cancelled: 'tYES',
				CancelStatus: 'csYes',
				DocumentStatus: 'bost_Close',
			});
			doc.DocumentLines.forEach((l) => (l.LineStatus = 'bost_Close'));
			break;
		case 'DeliveryNotes/Cancel':
			cancelDelivery(ctx, doc, cancelled, now);
			break;
		default:
			throw errors.notSupported();
	}
	stamp(doc, now);
}

function cancelDelivery(ctx: DocContext, doc: SapDocument, cancelled: boolean, now: Date): void {
	if (cancelled) throw errors.validation('Document is already cancelled');
	if (doc.DocumentStatus === 'bost_Close')
		throw errors.validation('Cannot cancel a closed document');
	const docs = ctx.state.DeliveryNotes;
	const cancellation: SapDocument = {
		...clone(doc),
		DocEntry: nextOf(docs, 'DocEntry'),
		DocNum: nextOf(docs, 'DocNum'),
		DocDate: localDate(now),
		TaxDate: localDate(now),
		Comments: `Based On Deliveries ${doc.DocNum}.`,
		DocumentStatus: 'bost_Close',
		Cancelled: 'tNO',
		CancelStatus: 'csCancellation',
		CreationDate: localDate(now),
		UpdateDate: localDate(now),
		UpdateTime: localTime(now),
	};
	cancellation.DocumentLines = doc.DocumentLines.map((l) => ({
		...clone(l),
		DocEntry: cancellation.DocEntry,
		BaseType: 15,
		BaseEntry: doc.DocEntry,
		BaseLine: l.LineNum,
		RemainingOpenQuantity: 0,
		LineStatus: 'bost_Close',
	}));
	Object.assign(doc, { Cancelled: 'tYES', CancelStatus: 'csYes', DocumentStatus: 'bost_Close' });
	doc.DocumentLines.forEach((l) =>
		Object.assign(l, { RemainingOpenQuantity: 0, LineStatus: 'bost_Close' }),
	);
	docs.push(cancellation);
	applyToBaseOrders(ctx, doc.DocumentLines, -1, now);
}
