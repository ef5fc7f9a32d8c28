/** A Magento order that cannot be mapped: names the order ('#000000107') and the field ('items[2].sku'). */
export class MappingError extends Error {
	readonly field: string;
	readonly record: string;

	constructor(record: string, field: string, problem: string) {
		super(`Magento order ${record}: ${field} ${problem}`);
		this.name = 'MappingError';
		this.record = record;
		this.field = field;
	}
}
