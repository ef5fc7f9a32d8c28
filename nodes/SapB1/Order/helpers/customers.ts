/**
 * Which SAP business partner a Magento order goes to: a fixed default, the partner found by the
 * customer's e-mail (falling back to the default), or found-or-created by e-mail. Lookups are
 * cached for the run (one request per distinct e-mail, however many orders share it).
 */
import { createHash } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';
import { odataString } from '../../../shared/odata';
import { outcomeOf } from '../../../shared/outcome';
import { slFailureOf, type ServiceLayerClient } from '../../shared/transport/ServiceLayerClient';
import {
	SAP_FIELD_LENGTHS,
	customerNameOf,
	shippingAddressOf,
	truncate,
	type MagentoAddress,
	type MagentoOrder,
} from '../mapping';

export type CustomerStrategy = 'default' | 'findByEmail' | 'findOrCreate';

/** SAP's CardCode is NVARCHAR(15) on older releases: codes we generate stay within it. */
const CARD_CODE_MAX = 15;

function text(value: unknown, max: number): string | undefined {
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	const t = String(value).trim();
	return t ? truncate(t, max) : undefined;
}

function bpAddress(
	address: MagentoAddress | null | undefined,
	type: 'bo_BillTo' | 'bo_ShipTo',
): IDataObject | undefined {
	if (!address || typeof address !== 'object') return undefined;
	const L = SAP_FIELD_LENGTHS;
	const street = Array.isArray(address.street) ? address.street.join(', ') : address.street;
	const out: IDataObject = {
		AddressName: type === 'bo_BillTo' ? 'Bill to' : 'Ship to',
		AddressType: type,
	};
	const fields: IDataObject = {
		Street: text(street, L.Street),
		City: text(address.city, L.City),
		ZipCode: text(address.postcode, L.ZipCode),
		State:
			address.region_code && String(address.region_code).length <= L.State
				? text(address.region_code, L.State)
				: undefined,
		County: text(address.region, L.County),
		Country: text(address.country_id, L.Country),
	};
	for (const [key, value] of Object.entries(fields)) if (value !== undefined) out[key] = value;
	return out;
}

/** Business partner body for a new web customer. */
export function newCustomerBody(order: MagentoOrder, cardCode: string): IDataObject {
	const body: IDataObject = {
		CardCode: cardCode,
		CardName: customerNameOf(order),
		CardType: 'cCustomer',
		// All currencies: a web customer may order in the store's other currencies.
		Currency: '##',
	};
	const email = text(order.customer_email, 100);
	if (email) body.EmailAddress = email;
	const phone = text(order.billing_address?.telephone, 20);
	if (phone) body.Phone1 = phone;
	const addresses = [
		bpAddress(order.billing_address, 'bo_BillTo'),
		bpAddress(shippingAddressOf(order) ?? order.billing_address, 'bo_ShipTo'),
	];
	const present = addresses.filter((a): a is IDataObject => a !== undefined);
	if (present.length) body.BPAddresses = present;
	return body;
}

/** Code for a new partner: prefix + Magento customer id, or prefix + 'G' + a hash of the e-mail for guests. */
export function newCustomerCode(order: MagentoOrder, prefix: string): string {
	const isGuest = order.customer_is_guest === 1 || order.customer_is_guest === true;
	const id =
		!isGuest && order.customer_id !== undefined && order.customer_id !== null
			? String(order.customer_id)
			: '';
	const email = String(order.customer_email ?? '')
		.trim()
		.toLowerCase();
	const suffix =
		id || `G${createHash('sha1').update(email).digest('hex').slice(0, 8).toUpperCase()}`;
	return `${prefix.slice(0, CARD_CODE_MAX - suffix.length)}${suffix}`.slice(0, CARD_CODE_MAX);
}

export class CustomerResolver {
	private byEmail = new Map<string, Promise<string | undefined>>();

	private created = new Map<string, Promise<string>>();

	constructor(
		private client: ServiceLayerClient,
		private strategy: CustomerStrategy,
		private defaultCardCode: string,
		private codePrefix: string,
	) {}

	/** The CardCode for this order. */
	async resolve(order: MagentoOrder, itemIndex: number): Promise<string> {
		const email = String(order.customer_email ?? '').trim();
		const isGuest = order.customer_is_guest === 1 || order.customer_is_guest === true;
		if (this.strategy === 'default' || !email) return this.defaultCardCode;
		if (this.strategy === 'findByEmail') {
			if (isGuest) return this.defaultCardCode;
			return (await this.find(email, itemIndex, order.increment_id)) ?? this.defaultCardCode;
		}
		const existing = await this.find(email, itemIndex, order.increment_id);
		if (existing) return existing;
		const key = email.toLowerCase();
		let creation = this.created.get(key);
		if (!creation) {
			creation = this.create(order, itemIndex);
			this.created.set(key, creation);
			creation.catch(() => this.created.delete(key));
		}
		return await creation;
	}

	private find(email: string, itemIndex: number, webOrder: string): Promise<string | undefined> {
		const key = email.toLowerCase();
		let lookup = this.byEmail.get(key);
		if (!lookup) {
			lookup = this.client
				.getAll('/BusinessPartners', {
					qs: {
						$filter: `EmailAddress eq ${odataString(email)}`,
						$select: 'CardCode,CardType,EmailAddress',
						$orderby: 'CardCode',
					},
					pageSize: 20,
					itemIndex,
					errorContext: `Web order ${webOrder}: looking up the customer ${email}`,
				})
				.then((rows) => {
					const customer =
						rows.find((r) => r.CardType === undefined || r.CardType === 'cCustomer') ?? undefined;
					return customer ? String(customer.CardCode) : undefined;
				});
			this.byEmail.set(key, lookup);
			lookup.catch(() => this.byEmail.delete(key));
		}
		return lookup;
	}

	private async create(order: MagentoOrder, itemIndex: number): Promise<string> {
		const code = newCustomerCode(order, this.codePrefix);
		const errorContext = `Web order ${order.increment_id}: creating business partner ${code}`;
		const existing = async () => {
			const found = await outcomeOf(
				async () =>
					await this.client.get(`/BusinessPartners(${odataString(code)})`, {
						qs: { $select: 'CardCode' },
						keys: ['CardCode'],
						itemIndex,
						errorContext,
					}),
			);
			if (found.ok) return String(found.value.CardCode);
			if (slFailureOf(found.error).status === 404) return undefined;
			throw found.error;
		};
		const posted = await outcomeOf(
			async () =>
				await this.client.write('POST', '/BusinessPartners', {
					body: newCustomerBody(order, code),
					expect: { kind: 'object', keys: ['CardCode'] },
					itemIndex,
					errorContext,
					// After a lost answer: the partner is there when the POST was done.
					recover: async () => {
						const cardCode = await existing();
						return cardCode === undefined ? undefined : { CardCode: cardCode };
					},
				}),
		);
		if (posted.ok) return String(posted.value.result.CardCode ?? code);
		// -10: the code exists already (created by an earlier run or another execution).
		if (slFailureOf(posted.error).sapCode !== '-10') throw posted.error;
		const cardCode = await existing();
		if (cardCode === undefined) throw posted.error;
		return cardCode;
	}
}
