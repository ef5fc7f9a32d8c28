export * from './types';
export { MappingError } from './errors';
export { mapMagentoOrder, orderRecord, withDefaults } from './mapMagentoOrder';
export { computeSapTotal, sapTotals, type SapTotals } from './sapTotals';
export { customerNameOf, shippingAddressOf } from './addresses';
export { shippingMethodOf } from './shipping';
export { SAP_FIELD_LENGTHS, truncate } from './text';
