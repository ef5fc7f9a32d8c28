/** Parameters and helpers several Order operations share. */
import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import { slRequest } from '../../../SapB1/transport/serviceLayer';

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

export function docEntryOf(ctx: IExecuteFunctions, i: number): number {
	const value = Number(ctx.getNodeParameter('docEntry', i));
	if (!Number.isInteger(value) || value <= 0)
		throw new NodeOperationError(ctx.getNode(), `Document Entry must be a positive whole number (got "${String(ctx.getNodeParameter('docEntry', i))}")`, { itemIndex: i });
	return value;
}

export async function readOrder(ctx: IExecuteFunctions, docEntry: number, i: number): Promise<IDataObject> {
	return await slRequest<IDataObject>(ctx, 'GET', `/Orders(${docEntry})`, { itemIndex: i, errorContext: `Sales order ${docEntry}` });
}
