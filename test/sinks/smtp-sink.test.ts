import { afterEach, describe, expect, it } from 'vitest';

import { startSmtpSink, type SmtpSink } from '../../tools/sinks/smtp-sink';
import { base64, code, RawSmtpClient } from './support/smtp-client';

let sink: SmtpSink | undefined;
const clients: RawSmtpClient[] = [];

afterEach(async () => {
	for (const client of clients.splice(0)) client.destroy();
	await sink?.close();
	sink = undefined;
});

async function open(
	options: Parameters<typeof startSmtpSink>[0] = {},
): Promise<{ sink: SmtpSink; client: RawSmtpClient }> {
	sink = await startSmtpSink(options);
	const { client, greeting } = await RawSmtpClient.connect(sink.port);
	clients.push(client);
	expect(code(greeting)).toBe(220);
	return { sink, client };
}

const PLAIN_MESSAGE = [
	'From: VideoVector <alerts@videovector.test>',
	'To: ops@videovector.test',
	'Subject: Run finished',
	'Content-Type: text/plain; charset=utf-8',
	'Content-Transfer-Encoding: 7bit',
	'',
	'Run run_1 completed.',
	'..this line started with a dot',
];

describe('SMTP sink protocol', () => {
	it('advertises AUTH PLAIN LOGIN and no STARTTLS, then accepts a message after AUTH PLAIN', async () => {
		const { sink: smtp, client } = await open();
		const ehlo = await client.send('EHLO n8n.local');
		expect(code(ehlo)).toBe(250);
		expect(ehlo).toContain('250-AUTH PLAIN LOGIN');
		expect(ehlo.join('\n')).not.toMatch(/STARTTLS/);
		expect(code(await client.send(`AUTH PLAIN ${base64('\0sink-user\0sink-password')}`))).toBe(235);
		expect(code(await client.send('MAIL FROM:<alerts@videovector.test> BODY=8BITMIME'))).toBe(250);
		expect(code(await client.send('RCPT TO:<ops@videovector.test>'))).toBe(250);
		expect(code(await client.send('RCPT TO:<lead@videovector.test>'))).toBe(250);
		expect(code(await client.send('DATA'))).toBe(354);
		const queued = await client.sendData(PLAIN_MESSAGE);
		expect(code(queued)).toBe(250);
		expect(code(await client.send('QUIT'))).toBe(221);
		await client.waitClosed();

		const [mail] = smtp.messages();
		expect(mail).toMatchObject({
			from: 'alerts@videovector.test',
			to: ['ops@videovector.test', 'lead@videovector.test'],
			authenticatedAs: 'sink-user',
			subject: 'Run finished',
			text: 'Run run_1 completed.\r\n.this line started with a dot',
			html: '',
		});
		expect(mail?.headers.from).toBe('VideoVector <alerts@videovector.test>');
		expect(queued.at(-1)).toContain(mail?.queueId);
		expect(JSON.stringify(mail)).not.toContain('sink-password');
	});

	it('accepts AUTH LOGIN in two steps and with an initial response', async () => {
		const { sink: smtp, client } = await open({ requireAuth: true });
		await client.send('EHLO client');
		expect(await client.send('AUTH LOGIN')).toEqual([`334 ${base64('Username:')}`]);
		expect(await client.send(base64('first-user'))).toEqual([`334 ${base64('Password:')}`]);
		expect(code(await client.send(base64('secret')))).toBe(235);
		await client.send('MAIL FROM:<a@videovector.test>');
		await client.send('RCPT TO:<b@videovector.test>');
		await client.send('DATA');
		expect(code(await client.sendData(['Subject: one', '', 'first']))).toBe(250);

		const second = (await RawSmtpClient.connect(smtp.port)).client;
		clients.push(second);
		await second.send('EHLO client');
		expect(await second.send(`AUTH LOGIN ${base64('second-user')}`)).toEqual([
			`334 ${base64('Password:')}`,
		]);
		expect(code(await second.send(base64('secret')))).toBe(235);
		await second.send('MAIL FROM:<a@videovector.test>');
		await second.send('RCPT TO:<b@videovector.test>');
		await second.send('DATA');
		expect(code(await second.sendData(['Subject: two', '', 'second']))).toBe(250);

		expect(smtp.messages().map((mail) => [mail.authenticatedAs, mail.subject, mail.text])).toEqual([
			['first-user', 'one', 'first'],
			['second-user', 'two', 'second'],
		]);
	});

	it('decodes multipart/alternative with quoted-printable and base64 parts and an encoded subject', async () => {
		const { sink: smtp, client } = await open();
		await client.send('EHLO client');
		await client.send('MAIL FROM:<a@videovector.test>');
		await client.send('RCPT TO:<b@videovector.test>');
		await client.send('DATA');
		const html = '<p>3 of 4 media completed – 1 failed</p>';
		await client.sendData([
			'Subject: =?UTF-8?Q?Run_finished_=E2=80=93?= =?UTF-8?B?IHBhcnRpYWw=?=',
			'MIME-Version: 1.0',
			'Content-Type: multipart/alternative;',
			' boundary="--_b1"',
			'',
			'preamble',
			'----_b1',
			'Content-Type: text/plain; charset=utf-8',
			'Content-Transfer-Encoding: quoted-printable',
			'',
			'3 of 4 media completed =E2=80=93 1 failed. A very long line that was wrapped=',
			' by the encoder.',
			'----_b1',
			'Content-Type: text/html; charset=utf-8',
			'Content-Transfer-Encoding: base64',
			'',
			...(Buffer.from(html)
				.toString('base64')
				.match(/.{1,20}/g) ?? []),
			'----_b1--',
			'',
		]);
		const [mail] = smtp.messages();
		expect(mail?.subject).toBe('Run finished – partial');
		expect(mail?.text).toBe(
			'3 of 4 media completed – 1 failed. A very long line that was wrapped by the encoder.',
		);
		expect(mail?.html).toBe(html);
	});

	it('answers out-of-order and unknown commands with the SMTP error codes and keeps nothing', async () => {
		const { sink: smtp, client } = await open({ requireAuth: true });
		expect(code(await client.send('MAIL FROM:<a@videovector.test>'))).toBe(503);
		await client.send('HELO client');
		expect(code(await client.send('MAIL FROM:<a@videovector.test>'))).toBe(530);
		await client.send(`AUTH PLAIN ${base64('\0user\0pw')}`);
		expect(code(await client.send('AUTH PLAIN x'))).toBe(503);
		expect(code(await client.send('RCPT TO:<b@videovector.test>'))).toBe(503);
		expect(code(await client.send('DATA'))).toBe(503);
		expect(code(await client.send('MAIL FROM:missing-brackets'))).toBe(501);
		expect(code(await client.send('MAIL FROM:<a@videovector.test>'))).toBe(250);
		expect(code(await client.send('MAIL FROM:<again@videovector.test>'))).toBe(503);
		expect(code(await client.send('RCPT TO:<b@videovector.test>'))).toBe(250);
		expect(code(await client.send('RSET'))).toBe(250);
		expect(code(await client.send('DATA'))).toBe(503);
		expect(code(await client.send('STARTTLS'))).toBe(502);
		expect(code(await client.send('NOOP'))).toBe(250);
		expect(code(await client.send('XYZZY'))).toBe(500);
		expect(code(await client.send('AUTH CRAM-MD5'))).toBe(503);
		expect(smtp.messages()).toEqual([]);
	});

	it('refuses a malformed AUTH PLAIN response and an unknown mechanism', async () => {
		const { client } = await open();
		await client.send('EHLO client');
		expect(code(await client.send('AUTH CRAM-MD5'))).toBe(504);
		expect(await client.send('AUTH PLAIN')).toEqual(['334 ']);
		expect(code(await client.send('not base64 at all'))).toBe(501);
		expect(code(await client.send(`AUTH PLAIN ${base64('only-two\0fields')}`))).toBe(501);
	});

	it('refuses a message above the size limit with 552 and accepts the next one', async () => {
		const { sink: smtp, client } = await open({ maxMessageBytes: 200 });
		expect(await client.send('EHLO client')).toContain('250-SIZE 200');
		await client.send('MAIL FROM:<a@videovector.test>');
		await client.send('RCPT TO:<b@videovector.test>');
		await client.send('DATA');
		expect(code(await client.sendData(['Subject: big', '', 'x'.repeat(300)]))).toBe(552);
		await client.send('MAIL FROM:<a@videovector.test>');
		await client.send('RCPT TO:<b@videovector.test>');
		await client.send('DATA');
		expect(code(await client.sendData(['Subject: small', '', 'fits']))).toBe(250);
		expect(smtp.messages().map((mail) => mail.subject)).toEqual(['small']);
	});
});

describe('SMTP sink API', () => {
	it('wakes a waiter when the awaited message arrives, and times out clearly otherwise', async () => {
		const { sink: smtp, client } = await open();
		const waiting = smtp.waitForMessages(1, 5_000);
		await client.send('EHLO client');
		await client.send('MAIL FROM:<a@videovector.test>');
		await client.send('RCPT TO:<b@videovector.test>');
		await client.send('DATA');
		await client.sendData(['Subject: awaited', '', 'body']);
		expect((await waiting).map((mail) => mail.subject)).toEqual(['awaited']);
		await expect(smtp.waitForMessages(2, 50)).rejects.toThrow(
			/timed out after 50 ms waiting for 2 email message\(s\) \(have 1\)/,
		);
		smtp.clear();
		expect(smtp.messages()).toEqual([]);
	});

	it('close() ends open conversations', async () => {
		const { sink: smtp, client } = await open();
		await client.send('EHLO client');
		await smtp.close();
		sink = undefined;
		await client.waitClosed();
		expect(client.isClosed).toBe(true);
	});
});
