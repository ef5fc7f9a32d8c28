/**
 * Starts the emulated Magento on a port for the demo or manual poking:
 *   npx tsx test/emulators/magento/cli.ts [--port 8081] [--version 2.3|2.4] [--release 2.4.6-p3] [--bearer]
 *     [--input-limits] [--max-page-size 300] [--orders 1000]
 * Prints one JSON line {url, credentials} on stdout; control API under `${url}/__emulator/`.
 */
import { generateOrders, magentoSeed } from '../seed/magento';
import { startMagento } from './index';

async function main() {
	const args = process.argv.slice(2);
	const arg = (name: string) => {
		const i = args.indexOf(`--${name}`);
		return i >= 0 ? args[i + 1] : undefined;
	};
	const seed = magentoSeed();
	const extra = Number(arg('orders') ?? 0);
	if (extra > 0) {
		const g = generateOrders(extra);
		seed.orders.push(...g.orders);
		seed.invoices.push(...g.invoices);
	}
	const magento = await startMagento({
		seed,
		port: Number(arg('port') ?? 0),
		version: (arg('version') as '2.3' | '2.4' | undefined) ?? '2.4',
		release: arg('release') ?? null,
		bearerIntegrationTokens: args.includes('--bearer') ? true : null,
		inputLimits: args.includes('--input-limits') ? true : null,
		maxPageSize: arg('max-page-size') ? Number(arg('max-page-size')) : 300,
	});
	process.stdout.write(
		JSON.stringify({ url: magento.url, credentials: magento.credentials }) + '\n',
	);
	const stop = () => magento.close().then(() => process.exit(0));
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((e) => {
	console.error(e);
	process.exit(1);
});
