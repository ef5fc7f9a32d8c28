/**
 * Where a sales order keeps its web (Magento) order number: `NumAtCard` (customer reference,
 * default) or a user field `U_…`. The one parameter and the one rule for it, used by every SAP
 * operation: the name goes into OData `$filter` / `$select` and into SQL, so it is checked against
 * a strict pattern first.
 */
import type { INodeProperties } from 'n8n-workflow';

export const DEFAULT_WEB_ORDER_FIELD = 'NumAtCard';

export const WEB_ORDER_FIELD_PATTERN = /^(NumAtCard|U_[A-Za-z][A-Za-z0-9_]{0,49})$/;

export const webOrderFieldProperty: INodeProperties = {
	displayName: 'Web Order Number Field',
	name: 'webOrderField',
	type: 'string',
	default: DEFAULT_WEB_ORDER_FIELD,
	placeholder: 'U_WebOrderNo',
	description:
		'Field of the sales order that holds the web (Magento) order number: NumAtCard (customer reference) or a user-defined field starting with U_',
};

/** The field name when it is NumAtCard or a U_ field; an Error naming the value otherwise. */
export function assertWebOrderField(name: unknown): string {
	const field = String(name ?? '').trim() || DEFAULT_WEB_ORDER_FIELD;
	if (!WEB_ORDER_FIELD_PATTERN.test(field))
		throw new Error(
			`Web order number field "${String(name)}" is not allowed: use NumAtCard or a user field such as U_WebOrderNo (letters, digits and _ only)`,
		);
	return field;
}
