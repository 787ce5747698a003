import { afterEach, describe, expect, it } from 'vitest';

import { type HttpSink, startHttpSink } from '../../tools/sinks/http-sink';
import { startLocalSinks, type LocalSinks } from '../../tools/sinks/local-sinks';
import { startSlackSink } from '../../tools/sinks/slack-sink';
import { base64, RawSmtpClient } from './support/smtp-client';

const open: Array<{ close(): Promise<void> }> = [];

afterEach(async () => {
	await Promise.all(open.splice(0).map((sink) => sink.close()));
});

async function track<T extends { close(): Promise<void> }>(started: Promise<T>): Promise<T> {
	const sink = await started;
	open.push(sink);
	return sink;
}

async function post(
	url: string,
	body: string,
	contentType = 'application/json',
	headers: Record<string, string> = {},
) {
	const response = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': contentType, ...headers },
		body,
	});
	return { status: response.status, text: await response.text() };
}

describe('HTTP sink', () => {
	it('records method, path, query, headers and the raw and parsed body of each request', async () => {
		const sink = await track(startHttpSink());
		const body = JSON.stringify({ export_id: 'exp_1', rows: [1, 2] });
		const answer = await post(
			sink.url('/archive/exports?source=videovector'),
			body,
			'application/json',
			{ 'x-export-id': 'exp_1' },
		);
		expect(answer).toEqual({ status: 200, text: JSON.stringify({ received: true }) });
		const binary = Buffer.from([0, 255, 1, 254]);
		await fetch(sink.url('archive/raw'), { method: 'PUT', body: binary });

		const [first, second] = sink.requests();
		expect(first).toMatchObject({
			method: 'POST',
			path: '/archive/exports',
			query: 'source=videovector',
			status: 200,
			text: body,
		});
		expect(first?.json).toEqual({ export_id: 'exp_1', rows: [1, 2] });
		expect(first?.headers['x-export-id']).toBe('exp_1');
		expect(second).toMatchObject({ method: 'PUT', path: '/archive/raw', json: undefined });
		expect(second?.body.equals(binary)).toBe(true);
		expect(sink.requests({ method: 'post' })).toHaveLength(1);
		expect(sink.requests({ path: '/archive/raw' })).toHaveLength(1);
	});

	it('answers what the answer hook decides and filters accepted requests', async () => {
		let calls = 0;
		const sink = await track(
			startHttpSink({
				answer: () =>
					++calls === 1 ? { status: 503, body: 'busy' } : { status: 202, body: { queued: calls } },
			}),
		);
		expect(await post(sink.url('/x'), '{}')).toEqual({ status: 503, text: 'busy' });
		expect(await post(sink.url('/x'), '{}')).toEqual({ status: 202, text: '{"queued":2}' });
		expect(sink.requests({ accepted: true }).map((request) => request.status)).toEqual([202]);
		expect(sink.requests({ accepted: false }).map((request) => request.status)).toEqual([503]);
	});

	it('waits for matching requests, and refuses bodies above the limit without recording them', async () => {
		const sink: HttpSink = await track(startHttpSink({ maxBodyBytes: 16 }));
		const waiting = sink.waitForRequests(1, { path: '/wanted' }, 5_000);
		await post(sink.url('/other'), '{}');
		await post(sink.url('/wanted'), '{"a":1}');
		expect((await waiting).map((request) => request.path)).toEqual(['/wanted']);
		expect((await post(sink.url('/wanted'), 'x'.repeat(17))).status).toBe(413);
		expect(sink.requests({ path: '/wanted' })).toHaveLength(1);
		await expect(sink.waitForRequests(2, { path: '/wanted' }, 50)).rejects.toThrow(
			/timed out after 50 ms/,
		);
	});

	it('shows and clears its record over HTTP without recording the inspection calls', async () => {
		const sink = await track(startHttpSink());
		await post(sink.url('/hook'), '{"n":1}');
		const view = (await (await fetch(sink.url('/_sink/requests'))).json()) as {
			requests: Array<Record<string, unknown>>;
		};
		expect(view.requests).toHaveLength(1);
		expect(view.requests[0]).toMatchObject({ method: 'POST', path: '/hook', json: { n: 1 } });
		expect(view.requests[0]).not.toHaveProperty('body');
		expect((await fetch(sink.url('/_sink/unknown'))).status).toBe(404);
		expect((await fetch(sink.url('/_sink/requests'), { method: 'DELETE' })).status).toBe(200);
		expect(sink.requests()).toEqual([]);
	});
});

describe('Slack-compatible sink', () => {
	it('answers like a Slack incoming webhook and keeps only the messages Slack would post', async () => {
		const slack = await track(startSlackSink());
		expect(slack.webhookUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/services\//);
		expect(await post(slack.webhookUrl, JSON.stringify({ text: 'Run run_1 completed' }))).toEqual({
			status: 200,
			text: 'ok',
		});
		const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*run_2* failed' } }];
		expect(await post(slack.webhookUrl, JSON.stringify({ blocks }))).toEqual({
			status: 200,
			text: 'ok',
		});
		expect(
			await post(slack.webhookUrl, 'text=not-json', 'application/x-www-form-urlencoded'),
		).toEqual({ status: 400, text: 'invalid_payload' });
		expect(await post(slack.webhookUrl, JSON.stringify({ text: '  ' }))).toEqual({
			status: 400,
			text: 'no_text',
		});
		expect(await post(slack.webhookUrl, JSON.stringify({ text: 'x', blocks: 'nope' }))).toEqual({
			status: 400,
			text: 'invalid_blocks',
		});
		expect((await fetch(slack.webhookUrl)).status).toBe(405);

		expect(slack.messages()).toEqual([
			{ path: new URL(slack.webhookUrl).pathname, text: 'Run run_1 completed', blocks: [] },
			{ path: new URL(slack.webhookUrl).pathname, text: '', blocks },
		]);
		expect(slack.requests()).toHaveLength(6);
		expect((await slack.waitForMessages(2, 1_000)).map((message) => message.text)).toEqual([
			'Run run_1 completed',
			'',
		]);
	});
});

describe('local sinks together', () => {
	it('shows mail and Slack messages on the downstream sink for humans', async () => {
		const sinks: LocalSinks = await track(startLocalSinks());
		await post(sinks.slack.webhookUrl, JSON.stringify({ text: 'hello slack' }));
		const { client } = await RawSmtpClient.connect(sinks.smtp.port);
		await client.send('EHLO client');
		await client.send(`AUTH PLAIN ${base64('\0u\0p')}`);
		await client.send('MAIL FROM:<a@videovector.test>');
		await client.send('RCPT TO:<b@videovector.test>');
		await client.send('DATA');
		await client.sendData(['Subject: hello mail', '', 'body']);
		await client.send('QUIT');

		const mail = (await (await fetch(sinks.downstream.url('/_sink/mail'))).json()) as {
			mail: Array<Record<string, unknown>>;
		};
		expect(mail.mail).toHaveLength(1);
		expect(mail.mail[0]).toMatchObject({
			subject: 'hello mail',
			text: 'body',
			to: ['b@videovector.test'],
		});
		expect(mail.mail[0]).not.toHaveProperty('raw');
		const slack = (await (await fetch(sinks.downstream.url('/_sink/slack'))).json()) as {
			slack: unknown[];
		};
		expect(slack.slack).toEqual([
			{ path: new URL(sinks.slack.webhookUrl).pathname, text: 'hello slack', blocks: [] },
		]);
		expect(sinks.downstream.requests()).toEqual([]);
	});
});
