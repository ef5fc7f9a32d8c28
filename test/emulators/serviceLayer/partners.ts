/** BusinessPartners: create (duplicate code → 400 -10) and patch. */
import type { SapBPAddress, SapBusinessPartner, SapSeed } from '../seed/sap';
import { BP_ADDRESS_PROPS, type EntitySetDef } from './entities';
import { errors } from './errors';
import { PARTNER_TEXT_LENGTHS } from '../seed/sapLengths';
import { checkArray, checkLengths, checkProps, type Body } from './validate';

function checkBody(def: EntitySetDef, body: Body): SapBPAddress[] | undefined {
	checkProps(body, def.props, 'BusinessPartner');
	checkLengths(body, 'BusinessPartner', PARTNER_TEXT_LENGTHS);
	if (body.BPAddresses === undefined) return undefined;
	const list = checkArray(body.BPAddresses, 'BPAddresses');
	list.forEach((a) => checkProps(a, BP_ADDRESS_PROPS, 'BPAddress'));
	return list as SapBPAddress[];
}

export function createPartner(state: SapSeed, def: EntitySetDef, body: Body): SapBusinessPartner {
	const addresses = checkBody(def, body);
	const code = body.CardCode;
	if (typeof code !== 'string' || code.trim() === '')
		throw errors.validation('Specify a business partner code [BusinessPartner.CardCode]');
	if (state.BusinessPartners.some((b) => b.CardCode.toLowerCase() === code.toLowerCase())) {
		throw errors.business(
			`1320000140 - Business partner code '${code}' already assigned to a business partner; enter a unique business partner code`,
		);
	}
	if (
		body.CardType !== undefined &&
		!['cCustomer', 'cSupplier', 'cLid'].includes(String(body.CardType))
	) {
		throw errors.syntax(`Invalid value '${String(body.CardType)}' for property 'CardType'`);
	}
	const partner = {
		CardName: '',
		CardType: 'cCustomer',
		EmailAddress: null,
		Phone1: null,
		Currency: '##',
		Valid: 'tYES',
		Frozen: 'tNO',
		...body,
		CardCode: code,
		BPAddresses: (addresses ?? []).map((a) => ({ ...a, BPCode: code })),
	} as SapBusinessPartner;
	state.BusinessPartners.push(partner);
	return partner;
}

export function patchPartner(def: EntitySetDef, partner: SapBusinessPartner, body: Body): void {
	const addresses = checkBody(def, body);
	if (body.CardCode !== undefined && body.CardCode !== partner.CardCode)
		throw errors.validation('Field cannot be updated (ODBC -1029) [BusinessPartner.CardCode]');
	const { BPAddresses: _ignored, ...rest } = body;
	Object.assign(partner, rest);
	for (const a of addresses ?? []) {
		const existing = partner.BPAddresses.find(
			(x) => x.AddressName === a.AddressName && x.AddressType === a.AddressType,
		);
		if (existing) Object.assign(existing, a);
		else partner.BPAddresses.push({ ...a, BPCode: partner.CardCode });
	}
}
