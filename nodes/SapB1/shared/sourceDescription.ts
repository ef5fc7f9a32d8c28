/** Description parts of the SAP B1 nodes with a Source parameter (Shipments, Items). */

/** Appended to the operation subtitle: the source in brackets. */
export const SOURCE_SUBTITLE = {
	suffix:
		' + " (" + ({ serviceLayer: "Service Layer", sqlServer: "SQL Server" })[$parameter["source"]] + ")"',
};
