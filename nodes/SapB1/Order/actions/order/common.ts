/** Parameters several Order operations share. */
import type { INodeProperties } from 'n8n-workflow';
import { byDisplayName, connectionOptions } from '../../../../shared/properties';

import { SAP_TIMEOUT } from '../../../shared/timeouts';

export const businessPartnerLocator: INodeProperties = {
	displayName: 'Business Partner',
	name: 'cardCode',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchBusinessPartners', searchable: true },
		},
		{ displayName: 'By Code', name: 'id', type: 'string', placeholder: 'C-WEB' },
	],
};

export const docEntryProperty: INodeProperties = {
	displayName: 'Document Entry',
	name: 'docEntry',
	type: 'number',
	default: 0,
	required: true,
	description: 'Internal key of the sales order (DocEntry, not the document number DocNum)',
};

/** The "Options" collection shown for every operation: how the node talks to SAP. */
export const optionsProperty: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: byDisplayName([
		...connectionOptions('SAP', SAP_TIMEOUT),
		{
			displayName: 'Page Size',
			name: 'pageSize',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 1000 },
			default: 100,
			description:
				'Records per request when reading lists (Get Many); asked for with Prefer: odata.maxpagesize',
		},
	]),
};
