/**
 * Magento releases and what changed between them, for the behaviours the nodes depend on. Each
 * rule names its source; the contract tests in test/contract/magento.fidelity.test.ts check them.
 */

/** `2.4.3-p1` → [2, 4, 3, 1]; `2.4.8` → [2, 4, 8, 0]. */
export function releaseParts(release: string): number[] {
	const m = /^(\d+)\.(\d+)\.(\d+)(?:-p(\d+))?$/.exec(release.trim());
	if (!m) throw new Error(`"${release}" is not a Magento release such as 2.4.8 or 2.4.3-p1`);
	return [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4] ?? 0)];
}

/** Whether `release` is `min` or later. */
export function atLeast(release: string, min: string): boolean {
	const a = releaseParts(release);
	const b = releaseParts(min);
	for (let i = 0; i < 4; i++) if (a[i] !== b[i]) return a[i] > b[i];
	return true;
}

/** The release a mode stands for when none is given: the newest of its line. */
export const DEFAULT_RELEASE = { '2.3': '2.3.7-p4', '2.4': '2.4.8' } as const;

/** 2.0–2.3 repeat the last page for a page past the end; 2.4 returns none. */
export const lineOf = (release: string): '2.3' | '2.4' =>
	atLeast(release, '2.4.0') ? '2.4' : '2.3';

/**
 * HMAC-SHA1 is refused from 2.4.4 (`Framework/Oauth/Oauth.php`: `getSupportedSignatureMethods()`
 * returns `[self::SIGNATURE_SHA256]`; older copies list SHA1 and SHA256).
 */
export const signatureMethodsOf = (release: string): Array<'HMAC-SHA256' | 'HMAC-SHA1'> =>
	atLeast(release, '2.4.4') ? ['HMAC-SHA256'] : ['HMAC-SHA256', 'HMAC-SHA1'];

/**
 * Integration access tokens as standalone Bearer tokens: accepted up to 2.4.3; from 2.4.4 only
 * when "Allow OAuth Access Tokens to be used as standalone Bearer tokens"
 * (`oauth/consumer/enable_integration_as_bearer`) is on, which is off by default.
 */
export const bearerByDefault = (release: string): boolean => !atLeast(release, '2.4.4');

/**
 * Web API input limits (`Framework/Webapi/Validator/EntityArrayValidator.php`, 20 objects per
 * array, pageSize 300): introduced in 2.4.3 and 2.3.7-p1 and enforced there always (Adobe KB
 * "Web API unable to process requests with more than 20 items in array", affected versions
 * 2.4.3 and 2.3.7-p1 only); later releases made them a setting, "By default, these input limits
 * are disabled" (Adobe Commerce API security guide), `webapi/validation/input_limit_enabled`.
 * 'always' | 'setting' | 'none' (older releases have no limits).
 */
export function inputLimitsOf(release: string): 'always' | 'setting' | 'none' {
	if (release === '2.4.3' || release === '2.3.7-p1') return 'always';
	if (atLeast(release, '2.4.3') || (lineOf(release) === '2.3' && atLeast(release, '2.3.7-p1')))
		return 'setting';
	return 'none';
}

/**
 * Bundles: from 2.4.2 (magento2 PR #30813, MC-30348) `POST /V1/order/{id}/ship` validates the
 * requested rows with `Bundle/Model/Sales/Order/Shipment/BundleShipmentTypeValidator` and refuses
 * a dummy row ("Cannot create shipment as bundle product …"); before, ShipmentFactory took them.
 */
export const validatesBundleShipmentType = (release: string): boolean => atLeast(release, '2.4.2');

/**
 * Order comments: before 2.4.7 `OrderService::addComment` → `Order::addStatusHistory` sets the
 * order's status to the history row's (absent → NULL, magento2#34180); from 2.4.7 (commit
 * 632f2531, magento2#38723) a status sent with a comment no longer changes the order.
 */
export const commentSetsStatus = (release: string): boolean => !atLeast(release, '2.4.7');

/**
 * ACL of `Sales/etc/webapi.xml`: before 2.3.1 every sales route needs `Magento_Sales::sales`
 * (magento2 at e59cdf44); from 2.3.1 (PR #20170 "Order API resources updated") one resource per
 * route (orders `actions_view`, ship `ship`, shipments `shipment`, invoices `sales_invoice`, ...).
 */
export const aclOf = (release: string, resource: string): string =>
	!atLeast(release, '2.3.1') && resource.startsWith('Magento_Sales::')
		? 'Magento_Sales::sales'
		: resource;
