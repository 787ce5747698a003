import { describe, expect, it } from 'vitest';

import { readExample } from '../../../tools/examples/catalog';
import { prepareExample, settingOf } from '../../../tools/examples/prepare';

const VIDEOVECTOR = { id: 'cred-vv', name: 'VideoVector (test)' };
const SMTP = { id: 'cred-smtp', name: 'SMTP (test)' };

describe('prepareExample', () => {
	it('gives every node the credential of each type it names, and fills the Settings node', () => {
		const prepared = prepareExample(readExample('runAlert'), {
			credentials: { n8nNodesVideoVectorApi: VIDEOVECTOR, smtp: SMTP },
			settings: { slackWebhookUrl: 'http://127.0.0.1:1/hook', emailTo: 'ops@videovector.test' },
			name: 'renamed',
		});
		expect(prepared.name).toBe('renamed');
		const credentialsOf = (name: string) =>
			prepared.nodes.find((node) => node.name === name)?.credentials;
		expect(credentialsOf('Run finished')).toEqual({ n8nNodesVideoVectorApi: VIDEOVECTOR });
		expect(credentialsOf('Get run')).toEqual({ n8nNodesVideoVectorApi: VIDEOVECTOR });
		expect(credentialsOf('Send email')).toEqual({ smtp: SMTP });
		expect(credentialsOf('Post to Slack')).toBeUndefined();
		expect(settingOf(prepared, 'slackWebhookUrl')).toBe('http://127.0.0.1:1/hook');
		expect(settingOf(prepared, 'emailTo')).toBe('ops@videovector.test');
		// Untouched settings keep the file's values; the file itself is not changed.
		expect(settingOf(prepared, 'emailFrom')).toBe(settingOf(readExample('runAlert'), 'emailFrom'));
		expect(settingOf(readExample('runAlert'), 'slackWebhookUrl')).toMatch(
			/^https:\/\/hooks\.slack\.com\//,
		);
	});

	it('merges parameter overrides over the named node only', () => {
		const prepared = prepareExample(readExample('scheduledImport'), {
			credentials: { n8nNodesVideoVectorApi: VIDEOVECTOR },
			parameters: { 'Import new files': { pollInterval: 0.1 } },
		});
		const parametersOf = (name: string) =>
			prepared.nodes.find((node) => node.name === name)?.parameters;
		expect(parametersOf('Import new files')).toMatchObject({
			pollInterval: 0.1,
			waitForCompletion: true,
			resource: 'importJob',
		});
		expect(parametersOf('Run prompt on new media')).toMatchObject({ pollInterval: 10 });
	});

	it('refuses a missing credential, an unknown setting and an unknown node', () => {
		expect(() =>
			prepareExample(readExample('runAlert'), {
				credentials: { n8nNodesVideoVectorApi: VIDEOVECTOR },
			}),
		).toThrow('node "Send email" needs a "smtp" credential');
		expect(() =>
			prepareExample(readExample('exportArchive'), {
				credentials: { n8nNodesVideoVectorApi: VIDEOVECTOR, n8nNodesVideoVectorReceiverApi: SMTP },
				settings: { archiveURL: 'http://127.0.0.1:1/' },
			}),
		).toThrow('the Settings node has no field(s) archiveURL (it has archiveUrl)');
		expect(() =>
			prepareExample(readExample('agentSearch'), {
				credentials: { n8nNodesVideoVectorApi: VIDEOVECTOR },
				parameters: { 'Search video': {} },
			}),
		).toThrow('has no node "Search video"');
		expect(() =>
			prepareExample(readExample('agentSearch'), {
				credentials: { n8nNodesVideoVectorApi: VIDEOVECTOR },
				settings: {},
			}),
		).toThrow('has no Settings node');
	});
});
