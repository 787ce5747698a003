import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { callEndpoint } from '../../../../shared/n8n/call-endpoint';
import { checkText } from '../../../../shared/n8n/text-check';
import { optionsWithIdempotencyKey } from '../common/idempotency';
import { locator, locatorValue, PROMPT } from '../common/locators';
import {
	mediaScopeBody,
	mediaScopeProperties,
	readMediaScope,
	type MediaScopeSpec,
} from '../common/media-scope';
import { readWaitSettings, waitForCompletionProperties } from '../common/wait';
import { defineOperation } from '../operation';
import { processingOptions, readExecutionSettings } from './execution-settings';
import { RUN_FAILURES, settleOutcome, waitForRun } from './run-wait';

const SCOPE: MediaScopeSpec = {
	parameter: 'scope',
	kinds: ['index', 'indexName', 'videos'],
	what: 'the run',
	containingIndex: true,
};

function promptPart(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const source = context.getNodeParameter('promptSource', itemIndex, 'saved') as string;
	if (source === 'saved') return { prompt_id: locatorValue(context, PROMPT, itemIndex) };
	const raw = context.getNodeParameter('promptInstruction', itemIndex, '');
	return { prompt_instruction: checkText(context, itemIndex, raw, 'Instruction', { min: 1 }) };
}

export const processMedia = defineOperation({
	value: 'processMedia',
	name: 'Process Media',
	action: 'Process media with a prompt or an instruction',
	description:
		'Start a run in one step with a saved prompt or a plain-language instruction (a prompt is then created for it). Returns the run, its prompt and where to read results; optionally waits for the run to finish.',
	endpoints: ['workflow.process', 'prompt_runs.get'],
	properties: [
		{
			displayName: 'Prompt Source',
			name: 'promptSource',
			type: 'options',
			options: [
				{
					name: 'Instruction',
					value: 'instruction',
					description: 'Describe in plain language what to extract',
				},
				{ name: 'Saved Prompt', value: 'saved', description: 'Use an existing prompt' },
			],
			default: 'saved',
			description: 'Whether to use a saved prompt or an instruction',
		},
		locator(PROMPT, { displayOptions: { show: { promptSource: ['saved'] } } }),
		{
			displayName: 'Instruction',
			name: 'promptInstruction',
			type: 'string',
			typeOptions: { rows: 4 },
			required: true,
			default: '',
			placeholder: 'e.g. Describe each scene: location, people and their emotions',
			description: 'What to extract, in plain language',
			displayOptions: { show: { promptSource: ['instruction'] } },
		},
		...mediaScopeProperties(SCOPE),
		...waitForCompletionProperties('prompt run'),
		optionsWithIdempotencyKey(processingOptions),
	],
	async execute(itemIndex, session) {
		const body = {
			...promptPart(this, itemIndex),
			...mediaScopeBody(readMediaScope(this, itemIndex, SCOPE)),
			...readExecutionSettings(this, itemIndex),
		};
		const wait = readWaitSettings(this, itemIndex);
		const started = await callEndpoint(session, 'workflow.process', { body });
		if (!wait.enabled) return started;
		const runId = String(started.run_id);
		const final = await waitForRun(session, runId, wait);
		const { error, ...run } = settleOutcome(
			this,
			itemIndex,
			final as IDataObject,
			RUN_FAILURES,
			`Prompt run ${runId}`,
		);
		return error === undefined ? { ...started, run } : { ...started, run, error };
	},
});
