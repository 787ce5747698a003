import { type HttpSink, startHttpSink } from './http-sink';
import { type SlackSink, startSlackSink } from './slack-sink';
import { type SmtpSink, startSmtpSink } from './smtp-sink';

/**
 * The three endpoints the example workflows talk to besides VideoVector: an SMTP catcher, a
 * Slack-compatible incoming webhook and a downstream HTTP endpoint. The downstream sink also serves
 * `GET /_sink/mail` and `GET /_sink/slack`, so one URL shows everything that arrived.
 */
export interface LocalSinks {
	smtp: SmtpSink;
	slack: SlackSink;
	downstream: HttpSink;
	close(): Promise<void>;
}

export interface LocalSinkPorts {
	smtp?: number;
	slack?: number;
	downstream?: number;
}

export async function startLocalSinks(ports: LocalSinkPorts = {}): Promise<LocalSinks> {
	const started: Array<{ close(): Promise<void> }> = [];
	try {
		const smtp = await startSmtpSink({ port: ports.smtp });
		started.push(smtp);
		const slack = await startSlackSink({ port: ports.slack });
		started.push(slack);
		const downstream = await startHttpSink({
			port: ports.downstream,
			views: {
				mail: () => smtp.messages().map(({ raw: _raw, ...mail }) => mail),
				slack: () => slack.messages(),
			},
		});
		started.push(downstream);
		return {
			smtp,
			slack,
			downstream,
			close: async () => {
				await Promise.all(started.map((sink) => sink.close()));
			},
		};
	} catch (error) {
		await Promise.all(started.map((sink) => sink.close()));
		throw error;
	}
}
