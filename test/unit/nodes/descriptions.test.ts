/**
 * What the n8n editor makes of the node descriptions: one label per parameter on each operation,
 * no parameter taken for the authentication selector by accident, readable subtitles, and an empty
 * choice in every optional dropdown loaded from SAP.
 */
import {
	NodeHelpers,
	type INodeParameters,
	type INodeProperties,
	type INodeType,
} from 'n8n-workflow';
import { Magento2Store } from '../../../nodes/Magento2Store/Magento2Store.node';
import { SapB1Order } from '../../../nodes/SapB1/Order/SapB1Order.node';
import { SapB1Shipments } from '../../../nodes/SapB1/Shipments/SapB1Shipments.node';
import * as optionalChoices from '../../../nodes/SapB1/shared/methods/optionalChoices';
import { SyncCheckpoint } from '../../../nodes/SyncCheckpoint/SyncCheckpoint.node';

const nodes: INodeType[] = [
	new SapB1Order(),
	new SapB1Shipments(),
	new Magento2Store(),
	new SyncCheckpoint(),
];

/** Every resource / operation (/ source) combination of a node, as parameter values. */
function combinations(node: INodeType): INodeParameters[] {
	const props = node.description.properties;
	const values = (name: string, base: INodeParameters) => {
		const p = props.find(
			(q) =>
				q.name === name &&
				NodeHelpers.displayParameter(base, q, { typeVersion: 1 }, node.description),
		);
		return (p?.options ?? []).map((o) => (o as { value: string }).value);
	};
	const out: INodeParameters[] = [];
	const resources = values('resource', {});
	for (const resource of resources.length ? resources : [undefined])
		for (const operation of values('operation', resource ? { resource } : {}))
			for (const source of values('source', {}).length ? values('source', {}) : [undefined])
				out.push({
					...(resource ? { resource } : {}),
					operation,
					...(source ? { source } : {}),
				});
	return out;
}

function visible(node: INodeType, combo: INodeParameters): INodeProperties[] {
	const defaults = NodeHelpers.getNodeParameters(
		node.description.properties,
		combo,
		true,
		false,
		{ typeVersion: 1 },
		node.description,
	) as INodeParameters;
	return node.description.properties.filter((p) =>
		NodeHelpers.displayParameter(
			{ ...defaults, ...combo },
			p,
			{ typeVersion: 1 },
			node.description,
		),
	);
}

describe.each(nodes.map((n) => [n.description.displayName, n] as const))('%s', (_name, node) => {
	it('shows each label once on every operation (no two collections both called "Options")', () => {
		for (const combo of combinations(node)) {
			const labels = visible(node, combo).map((p) => p.displayName);
			const twice = labels.filter((l, i) => labels.indexOf(l) !== i);
			expect({ combo, twice }).toEqual({ combo, twice: [] });
		}
	});

	it('has no parameter the editor would take for the authentication selector and hide', () => {
		// n8n's editor (getMainAuthField / findAlternativeAuthField): a parameter named in the
		// credentials' `show` conditions whose every option value appears there is the selector.
		const shown: Record<string, string[]> = {};
		for (const c of node.description.credentials ?? [])
			for (const [key, list] of Object.entries(c.displayOptions?.show ?? {}))
				shown[key] = [...(shown[key] ?? []), ...(list ?? []).map(String)];
		const selectors = node.description.properties.filter(
			(p) =>
				p.name in shown &&
				(p.options ?? []).every((o) =>
					shown[p.name].includes(String((o as { value: unknown }).value)),
				),
		);
		expect(selectors.map((p) => p.name)).toEqual([]);
	});

	it('has a readable subtitle for every operation', () => {
		const subtitle = String(node.description.subtitle);
		for (const combo of combinations(node)) {
			const key = combo.resource
				? `${String(combo.resource)}:${String(combo.operation)}`
				: String(combo.operation);
			expect(subtitle).toMatch(new RegExp(`"${key}":"[A-Z][a-z]+ [^"]+"`));
		}
	});

	it('offers an empty choice in every optional dropdown loaded from SAP whose default is empty', () => {
		const optional = Object.keys(optionalChoices);
		const walk = (props: INodeProperties[]): INodeProperties[] =>
			props.flatMap((p) => [
				p,
				...walk(
					(p.options ?? []).flatMap((o) =>
						'values' in o ? o.values : 'type' in o ? [o as INodeProperties] : [],
					),
				),
			]);
		for (const p of walk(node.description.properties)) {
			const method = p.typeOptions?.loadOptionsMethod;
			if (p.type !== 'options' || !method || p.default !== '' || p.required) continue;
			// Required in practice: a fixed tax code, a shipping method row's type.
			if (['fixedTaxCode', 'shippingType'].includes(p.name)) continue;
			expect({ parameter: p.name, method, optional: optional.includes(method) }).toEqual({
				parameter: p.name,
				method,
				optional: true,
			});
		}
	});
});

it('SAP B1 Shipments shows Source and defaults to the Service Layer, with the credential of the source', () => {
	const node = new SapB1Shipments();
	const source = node.description.properties.find((p) => p.name === 'source')!;
	expect(source.default).toBe('serviceLayer');
	const credentialsFor = (value: string) =>
		(node.description.credentials ?? [])
			.filter((c) =>
				NodeHelpers.displayParameter({ source: value }, c, { typeVersion: 1 }, node.description),
			)
			.map((c) => c.name);
	expect(credentialsFor('serviceLayer')).toEqual(['sapB1ServiceLayerApi']);
	expect(credentialsFor('sqlServer')).toEqual(['sapB1SqlServerApi']);
});
