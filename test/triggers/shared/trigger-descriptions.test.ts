import type { INodeTypeDescription } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { VideoVector } from '../../../nodes/VideoVector/VideoVector.node';
import { VideoVectorPollTrigger } from '../../../triggers/VideoVectorPollTrigger/VideoVectorPollTrigger.node';
import { VideoVectorSseTrigger } from '../../../triggers/VideoVectorSseTrigger/VideoVectorSseTrigger.node';
import { VideoVectorTrigger } from '../../../triggers/VideoVectorTrigger/VideoVectorTrigger.node';

const TRIGGERS: Array<[string, INodeTypeDescription, unknown]> = [
	['webhook', new VideoVectorTrigger().description, new VideoVectorTrigger().methods],
	['event stream', new VideoVectorSseTrigger().description, new VideoVectorSseTrigger().methods],
	['poll', new VideoVectorPollTrigger().description, new VideoVectorPollTrigger().methods],
];

function property(description: INodeTypeDescription, name: string) {
	return description.properties.find((candidate) => candidate.name === name);
}

describe('the three VideoVector triggers look and behave alike in the editor', () => {
	it('share one "Trigger On" picker and one index picker, with the same options', () => {
		const [first] = TRIGGERS;
		for (const [label, description, methods] of TRIGGERS) {
			const events = property(description, 'events');
			expect(events, label).toMatchObject({
				displayName: 'Trigger On',
				type: 'multiOptions',
				required: true,
			});
			expect(events, label).toEqual(property(first[1], 'events'));
			const values = (events?.options ?? []).map((option) => (option as { value: string }).value);
			expect(values[0], label).toBe('*');
			expect(values, label).toEqual(
				expect.arrayContaining(['prompt_run.completed', 'export.ready']),
			);
			expect(property(description, 'indexIds'), label).toEqual(property(first[1], 'indexIds'));
			const loaders = (methods as { loadOptions: Record<string, unknown> }).loadOptions;
			expect(loaders.getIndexes, label).toBe(
				(first[2] as { loadOptions: Record<string, unknown> }).loadOptions.getIndexes,
			);
		}
	});

	it('each has an activation message and a notice saying how to make a test event arrive', () => {
		for (const [label, description] of TRIGGERS) {
			expect(description.activationMessage, label).toMatch(/\w/);
			const notices = description.properties.filter(
				(candidate) => candidate.type === 'notice' && /test event/i.test(candidate.displayName),
			);
			expect(notices.length, label).toBeGreaterThan(0);
			expect(notices[0]?.displayName, label).toMatch(/run a prompt/);
		}
	});

	it('subtitles are Title Case', () => {
		for (const [label, description] of TRIGGERS) {
			const literals = [...String(description.subtitle).matchAll(/"([^"$]*[A-Za-z][^"$]*)"/g)]
				.map((match) => match[1]!)
				.filter((text) => !/^(delivery|receiver|output|batch|events|\*)$/.test(text));
			expect(literals.length, label).toBeGreaterThan(0);
			for (const text of literals)
				for (const word of text
					.trim()
					.split(/\s+/)
					.filter((w) => !['of', 'on'].includes(w)))
					expect(word[0], `${label}: "${text}"`).toBe(word[0]!.toUpperCase());
		}
	});

	it('the combined VideoVector entry of the node panel shows the action node description', () => {
		// n8n merges "<name>Trigger" into "<name>" and copies the trigger description onto the entry.
		const action = new VideoVector().description;
		const webhook = new VideoVectorTrigger().description;
		expect(webhook.name.replace('Trigger', '')).toBe(action.name);
		expect(webhook.description).toBe(action.description);
	});
});
