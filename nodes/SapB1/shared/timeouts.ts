/** The SAP nodes' default request timeout (documents with many lines are slow to post). */
export const SAP_TIMEOUT = { timeoutMs: 60000 };
