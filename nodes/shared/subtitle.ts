/**
 * Readable node subtitles: the chosen operation's action text ("Create a sales order") instead of
 * raw values ("create: order"), built from the operation options so they never drift apart.
 */
import type { INodeProperties } from 'n8n-workflow';

/** `resource:operation` (or `operation` for nodes without resources) → the option's action or name. */
export function operationLabels(properties: INodeProperties[]): Record<string, string> {
	const labels: Record<string, string> = {};
	for (const p of properties) {
		if (p.name !== 'operation' || !p.options) continue;
		const resources = (p.displayOptions?.show?.resource as string[] | undefined) ?? [undefined];
		for (const option of p.options as Array<{ name: string; value: unknown; action?: string }>)
			for (const resource of resources)
				labels[resource ? `${resource}:${String(option.value)}` : String(option.value)] =
					option.action ?? option.name;
	}
	return labels;
}

/** The subtitle expression; `suffix` is appended as it is (an expression fragment). */
export function operationSubtitle(
	properties: INodeProperties[],
	options: { resources?: boolean; suffix?: string } = {},
): string {
	const key =
		options.resources === false
			? '$parameter["operation"]'
			: '$parameter["resource"] + ":" + $parameter["operation"]';
	return `={{ (${JSON.stringify(operationLabels(properties))})[${key}]${options.suffix ?? ''} }}`;
}
