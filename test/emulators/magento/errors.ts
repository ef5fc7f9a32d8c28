/** Magento's REST error envelope: placeholders stay in `message`, values go to `parameters` (clients substitute). */
export interface MagentoErrorBody {
	message: string;
	parameters?: unknown[] | Record<string, unknown>;
	errors?: Array<{ message: string; parameters?: unknown[] | Record<string, unknown> }>;
	trace?: string | null;
}

export class MagentoHttpError extends Error {
	constructor(
		readonly status: number,
		readonly body: MagentoErrorBody,
	) {
		super(body.message);
	}
}

export const badRequest = (message: string, parameters?: MagentoErrorBody['parameters']) =>
	new MagentoHttpError(400, parameters === undefined ? { message } : { message, parameters });

export const unauthorized = (message: string, parameters?: MagentoErrorBody['parameters']) =>
	new MagentoHttpError(401, parameters === undefined ? { message } : { message, parameters });

/** OrderRepository::get and friends (2.3+ wording; no parameters). */
export const entityNotFound = () =>
	new MagentoHttpError(404, {
		message: "The entity that was requested doesn't exist. Verify the entity and try again.",
	});

export const noRoute = () =>
	new MagentoHttpError(404, { message: 'Request does not match any route.' });

/** What the Webapi error processor answers for any unexpected exception (developer mode off). */
export const internalError = () =>
	new MagentoHttpError(500, {
		message: `Internal Error. Details are available in Magento log file. Report ID: webapi-${Math.random().toString(16).slice(2, 15)}`,
	});

export const notAuthorizedFor = (resources: string) =>
	unauthorized("The consumer isn't authorized to access %resources.", { resources });
