/**
 * Makes deliveries in the emulated SAP B1 the way a warehouse clerk would: a delivery note based
 * on the web order's sales order (BaseType 17), posted through the Service Layer. Used by the
 * end-to-end tests and the demo, between the orders sync and the shipment sync.
 */
import type { ServiceLayerEmulator } from '../emulators/serviceLayer';
import { login, type SlTestClient } from '../emulators/serviceLayer/testClient';

export interface DeliveryRequest {
	webOrder: string;
	/** Item codes and quantities to deliver; all open quantities when absent. */
	lines?: Array<{ itemCode: string; quantity: number }>;
	tracking: string | null;
	/** ShippingTypes code (1 UPS Ground, 2 FedEx Priority, 3 DHL Express, 4 Flat Rate). */
	transportationCode: number;
}

export class SapClerk {
	private client?: SlTestClient;

	constructor(private readonly sl: ServiceLayerEmulator) {}

	private async http(): Promise<SlTestClient> {
		this.client ??= await login(this.sl, 'v2');
		return this.client;
	}

	async deliver(request: DeliveryRequest): Promise<any> {
		const http = await this.http();
		const found = await http.get(
			`Orders?$filter=NumAtCard eq '${request.webOrder.replace(/'/g, "''")}'`,
		);
		const order = found.data?.value?.[0];
		if (!order) throw new Error(`no SAP sales order for web order ${request.webOrder}`);
		const open = order.DocumentLines.filter((l: any) => l.RemainingOpenQuantity > 0);
		const wanted =
			request.lines ??
			open.map((l: any) => ({ itemCode: l.ItemCode, quantity: l.RemainingOpenQuantity }));
		const DocumentLines = wanted.map((w: { itemCode: string; quantity: number }) => {
			const line = open.find((l: any) => l.ItemCode === w.itemCode);
			if (!line) throw new Error(`sales order ${order.DocNum} has no open line for ${w.itemCode}`);
			return {
				ItemCode: w.itemCode,
				Quantity: w.quantity,
				BaseType: 17,
				BaseEntry: order.DocEntry,
				BaseLine: line.LineNum,
			};
		});
		const res = await http.post('DeliveryNotes', {
			CardCode: order.CardCode,
			DocDueDate: order.DocDueDate,
			TrackingNumber: request.tracking ?? undefined,
			TransportationCode: request.transportationCode,
			DocumentLines,
		});
		if (res.status !== 201)
			throw new Error(
				`delivery for ${request.webOrder} refused: ${res.status} ${JSON.stringify(res.data)}`,
			);
		return res.data;
	}
}
