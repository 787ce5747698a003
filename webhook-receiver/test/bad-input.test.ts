import { describe, expect, it } from 'vitest';

import { deliveryHeaders, envelopeBody } from './support/deliveries';
import {
	adminHeaders,
	cleanupAfterEach,
	makeTempDir,
	startTestReceiver,
	testConfig,
} from './support/harness';
import { post, send } from './support/http-client';
import { startTarget } from './support/target-server';
import { waitFor } from './support/wait-for';

const track = cleanupAfterEach();
const BODY_LIMIT = 4096;

async function setup() {
	const target = await startTarget();
	track(() => target.close());
	const receiver = await startTestReceiver(
		track,
		testConfig(makeTempDir(track), target.url, { bodyLimitBytes: BODY_LIMIT }),
	);
	const lookup = (deliveryId: string) =>
		send(`${receiver.url}/admin/deliveries/${deliveryId}`, { headers: adminHeaders });
	return { target, receiver, lookup };
}

/** A signed request whose body is exactly `body`, whatever it contains. */
function signed(body: string | Buffer, deliveryId: string, extra: Record<string, string> = {}) {
	return { ...deliveryHeaders(body, { deliveryId }), ...extra };
}

describe('bad input', () => {
	it('answers 400 to malformed JSON that is correctly signed', async () => {
		const { receiver, lookup } = await setup();
		const body = '{"id":"evt_bad","event":';
		const response = await post(receiver.deliveryUrl, body, signed(body, 'evt_bad'));
		expect(response.status).toBe(400);
		expect(response.json()).toMatchObject({ error: 'malformed_json' });
		expect((await lookup('evt_bad')).status).toBe(404);
	});

	it('answers 400 naming the field when the envelope is wrong', async () => {
		const { receiver, lookup } = await setup();
		const body = JSON.stringify({ id: 'evt_shape', data: { run_id: 'r' } });
		const response = await post(receiver.deliveryUrl, body, signed(body, 'evt_shape'));
		expect(response.status).toBe(400);
		const answer = response.json() as { error: string; message: string };
		expect(answer.error).toBe('invalid_envelope');
		expect(answer.message).toContain('event');
		expect((await lookup('evt_shape')).status).toBe(404);
	});

	it('answers 400 to a body that is not UTF-8', async () => {
		const { receiver } = await setup();
		const body = Buffer.from([0x7b, 0xff, 0xfe, 0x7d]);
		const response = await post(receiver.deliveryUrl, body, signed(body, 'evt_bytes'));
		expect(response.status).toBe(400);
		expect(response.json()).toMatchObject({ error: 'invalid_encoding' });
	});

	it('answers 415 to a signed delivery with the wrong content type', async () => {
		const { receiver, lookup } = await setup();
		const body = envelopeBody({ id: 'evt_ct' });
		const response = await post(
			receiver.deliveryUrl,
			body,
			signed(body, 'evt_ct', { 'content-type': 'text/plain' }),
		);
		expect(response.status).toBe(415);
		expect((await lookup('evt_ct')).status).toBe(404);
		const charset = await post(
			receiver.deliveryUrl,
			body,
			signed(body, 'evt_ct', { 'content-type': 'application/json; charset=latin1' }),
		);
		expect(charset.status).toBe(415);
		const utf8 = await post(
			receiver.deliveryUrl,
			body,
			signed(body, 'evt_ct', { 'content-type': 'application/json; charset=UTF-8' }),
		);
		expect(utf8.status).toBe(200);
	});

	it('answers 413 to a declared oversized body without reading it', async () => {
		const { receiver } = await setup();
		const body = envelopeBody({
			id: 'evt_big',
			data: { run_id: 'r', padding: 'x'.repeat(BODY_LIMIT) },
		});
		const response = await post(receiver.deliveryUrl, body, signed(body, 'evt_big'));
		expect(response.status).toBe(413);
		expect(receiver.metrics.rejected.value({ reason: 'payload_too_large' })).toBe(1);
	});

	it('answers 413 to a streamed (chunked) body once it crosses the limit', async () => {
		const { receiver, lookup } = await setup();
		const chunk = Buffer.alloc(1024, 0x20);
		let sent = 0;
		async function* stream() {
			// Far more than the limit; the receiver must stop reading long before the end.
			for (; sent < 256; sent++) yield chunk;
		}
		const response = await send(receiver.deliveryUrl, {
			method: 'POST',
			body: stream(),
			headers: signed('x', 'evt_stream'),
		});
		expect(response.status).toBe(413);
		expect((await lookup('evt_stream')).status).toBe(404);
	});

	it('stores an unknown event type but forwards only routed events', async () => {
		const { target, receiver, lookup } = await setup();
		const unknown = envelopeBody({
			id: 'evt_unknown',
			event: 'video.teleported',
			data: { video_id: 'v1' },
		});
		expect((await post(receiver.deliveryUrl, unknown, signed(unknown, 'evt_unknown'))).status).toBe(
			200,
		);
		const media = envelopeBody({
			id: 'evt_media',
			event: 'media.created',
			data: { video_id: 'v2' },
		});
		expect((await post(receiver.deliveryUrl, media, signed(media, 'evt_media'))).status).toBe(200);
		const routed = envelopeBody({
			id: 'evt_routed',
			event: 'export.ready',
			data: { export_id: 'x1', status: 'completed' },
		});
		expect((await post(receiver.deliveryUrl, routed, signed(routed, 'evt_routed'))).status).toBe(
			200,
		);

		await waitFor(() => target.accepted.length === 1, 'the routed forward');
		const stored = (await lookup('evt_unknown')).json() as {
			event_type: string;
			forwards: unknown[];
		};
		expect(stored.event_type).toBe('video.teleported');
		expect(stored.forwards).toEqual([]);
		expect(((await lookup('evt_media')).json() as { forwards: unknown[] }).forwards).toEqual([]);
		expect(target.requests.map((request) => request.deliveryId)).toEqual(['evt_routed']);
	});

	it('answers 405 to other methods on the delivery path and 404 elsewhere', async () => {
		const { receiver } = await setup();
		expect((await send(receiver.deliveryUrl)).status).toBe(405);
		expect((await send(`${receiver.url}/nope`)).status).toBe(404);
	});
});
