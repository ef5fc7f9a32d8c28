/**
 * TLS inside TDS, server side (MS-TDS 2.2.6.4 / 3.3.5.2): after PRELOGIN agrees on encryption,
 * the TLS handshake records travel as the payload of PRELOGIN packets (one server message per
 * client message), then the connection switches to plain TLS records on the socket carrying
 * TDS packets. The certificate is self-signed, made once per process with the `openssl` CLI
 * (clients need `trustServerCertificate: true`, as with a default SQL Server install).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Duplex } from 'node:stream';
import * as tls from 'node:tls';
import { PacketType, packetize } from './wire';

let credentials: { key: string; cert: string } | null | undefined;

/** A self-signed key and certificate for CN=localhost, or undefined when openssl is not available. */
export function selfSignedCredentials(): { key: string; cert: string } | undefined {
	if (credentials === undefined) {
		const dir = mkdtempSync(join(tmpdir(), 'tds-cert-'));
		try {
			execFileSync(
				'openssl',
				[
					'req',
					'-x509',
					'-newkey',
					'ec',
					'-pkeyopt',
					'ec_paramgen_curve:prime256v1',
					'-nodes',
					'-keyout',
					join(dir, 'key.pem'),
					'-out',
					join(dir, 'cert.pem'),
					'-days',
					'30',
					'-subj',
					'/CN=localhost',
				],
				{ stdio: 'ignore' },
			);
			credentials = {
				key: readFileSync(join(dir, 'key.pem'), 'utf8'),
				cert: readFileSync(join(dir, 'cert.pem'), 'utf8'),
			};
		} catch {
			credentials = null;
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	}
	return credentials ?? undefined;
}

/** The TLS layer of one connection. */
export class TdsTls {
	/** False while handshaking inside PRELOGIN packets; true once TLS records flow directly. */
	raw = false;
	private readonly carrier: Duplex;
	private readonly tlsSocket: tls.TLSSocket;
	private pending: Buffer[] = [];
	private flushTimer: NodeJS.Timeout | undefined;
	private secure = false;

	constructor(
		private readonly socket: Socket,
		creds: { key: string; cert: string },
		onCleartext: (chunk: Buffer) => void,
		onError: () => void,
	) {
		this.carrier = new Duplex({
			read() {},
			write: (chunk: Buffer, _enc, cb) => {
				if (this.raw) this.socket.write(chunk);
				else {
					this.pending.push(chunk);
					clearTimeout(this.flushTimer);
					this.flushTimer = setTimeout(() => this.flush(), 5);
				}
				cb();
			},
		});
		this.tlsSocket = new tls.TLSSocket(this.carrier, {
			isServer: true,
			secureContext: tls.createSecureContext(creds),
		});
		this.tlsSocket.on('secure', () => (this.secure = true));
		this.tlsSocket.on('data', onCleartext);
		this.tlsSocket.on('error', onError);
	}

	/** Handshake bytes the client sent inside a PRELOGIN message. */
	handshake(payload: Buffer): void {
		this.carrier.push(payload);
	}

	/** TLS records read from the socket after the handshake. */
	feed(chunk: Buffer): void {
		this.carrier.push(chunk);
	}

	/** Writes cleartext (TDS packets) through TLS. */
	write(data: Buffer): void {
		this.tlsSocket.write(data);
	}

	/** Sends the server's handshake flight as one PRELOGIN message; switches to raw after the last one. */
	private flush(): void {
		const data = Buffer.concat(this.pending);
		this.pending = [];
		for (const p of packetize(PacketType.PRELOGIN, data, 4096)) this.socket.write(p);
		if (this.secure) this.raw = true;
	}

	destroy(): void {
		clearTimeout(this.flushTimer);
		this.tlsSocket.destroy();
	}
}
