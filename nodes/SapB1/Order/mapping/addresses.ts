/**
 * Magento billing / shipping address → SAP AddressExtension (BillTo* / ShipTo*).
 * Street = first street line; Building = the further street lines, or the company when there are none.
 * Every text is cut to SAP's field length. Orders without a shipping address (virtual-only) ship to the billing address.
 */
import { MappingError } from './errors';
import { SAP_FIELD_LENGTHS, cleanText, sapText } from './text';
import type { MagentoAddress, MagentoOrder, SapAddressExtension } from './types';

function streetLines(street: MagentoAddress['street']): string[] {
	const raw = Array.isArray(street) ? street : typeof street === 'string' ? street.split('\n') : [];
	return raw.map(cleanText).filter((s): s is string => s !== undefined);
}

function addressFields(address: MagentoAddress, prefix: 'BillTo' | 'ShipTo'): SapAddressExtension {
	const L = SAP_FIELD_LENGTHS;
	const lines = streetLines(address.street);
	const regionCode = cleanText(address.region_code);
	const region = cleanText(address.region);
	const fields: Record<string, string | undefined> = {
		Street: sapText(lines[0], L.Street),
		Building: sapText(lines.length > 1 ? lines.slice(1).join(', ') : address.company, L.Building),
		City: sapText(address.city, L.City),
		ZipCode: sapText(address.postcode, L.ZipCode),
		// SAP's State holds a code (max 3); a region without a short code goes to County.
		State: sapText(regionCode, L.State),
		County:
			regionCode === undefined || regionCode.length > L.State
				? sapText(region, L.County)
				: undefined,
		Country: sapText(address.country_id, L.Country),
	};
	const out: SapAddressExtension = {};
	for (const [key, value] of Object.entries(fields))
		if (value !== undefined) out[`${prefix}${key}`] = value;
	return out;
}

export function shippingAddressOf(order: MagentoOrder): MagentoAddress | undefined {
	const address = order.extension_attributes?.shipping_assignments?.[0]?.shipping?.address;
	return address && typeof address === 'object' ? address : undefined;
}

export function mapAddresses(order: MagentoOrder, record: string): SapAddressExtension {
	const billing = order.billing_address;
	if (!billing || typeof billing !== 'object')
		throw new MappingError(record, 'billing_address', 'is missing');
	const shipping = shippingAddressOf(order) ?? billing;
	return { ...addressFields(billing, 'BillTo'), ...addressFields(shipping, 'ShipTo') };
}

/** "First Last" of the customer (billing name for guests), cut to SAP's CardName length — for creating a business partner. */
export function customerNameOf(order: MagentoOrder): string {
	const fromOrder = [order.customer_firstname, order.customer_lastname]
		.map(cleanText)
		.filter(Boolean)
		.join(' ');
	const b = order.billing_address;
	const fromBilling = b ? [b.firstname, b.lastname].map(cleanText).filter(Boolean).join(' ') : '';
	const name =
		fromOrder ||
		fromBilling ||
		cleanText(b?.company) ||
		cleanText(order.customer_email) ||
		`Magento order ${order.increment_id}`;
	return sapText(name, SAP_FIELD_LENGTHS.CardName) ?? '';
}
