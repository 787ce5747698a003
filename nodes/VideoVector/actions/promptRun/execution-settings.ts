import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { checkInteger } from '../common/checked-parameters';
import { chosenOption } from '../common/collection-values';

/**
 * How a run segments and processes media (docs/api/conventions.md#execute-request), shared by Execute, Estimate and the
 * simplified Process operation. Everything the user leaves unset is omitted from the request so the
 * prompt's saved `execution_config` (then the API default) applies — docs/api/conventions.md#execute-request and docs/api/conventions.md#n8n-segmentation-choices.
 */

const PROMPT_DEFAULT = 'promptDefault';
const promptDefaultOption = {
	name: 'Prompt Default',
	value: PROMPT_DEFAULT,
	description: "Use the prompt's saved setting, else the API default",
};

function durationProperty(kind: 'video' | 'audio', showWhen: string): INodeProperties {
	return {
		displayName: `${kind === 'video' ? 'Video' : 'Audio'} Segment Duration (Seconds)`,
		name: `${kind}SegmentDuration`,
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 300, numberPrecision: 0 },
		required: true,
		default: 10,
		description: `Length of each fixed ${kind} segment, 1–300 seconds`,
		displayOptions: { show: { [`${kind}Segmentation`]: [showWhen] } },
	};
}

export const segmentationProperties: INodeProperties[] = [
	{
		displayName: 'Video Segmentation',
		name: 'videoSegmentation',
		type: 'options',
		options: [
			{
				name: 'Content Aware',
				value: 'content_aware',
				description: 'Cut where the content changes',
			},
			{ name: 'Fixed', value: 'fixed', description: 'Cut every N seconds' },
			promptDefaultOption,
			{ name: 'Smart', value: 'smart', description: 'Let the service choose (API default)' },
		],
		default: PROMPT_DEFAULT,
		description: 'How video is cut into segments',
	},
	durationProperty('video', 'fixed'),
	{
		displayName: 'Audio Segmentation',
		name: 'audioSegmentation',
		type: 'options',
		options: [
			{
				name: 'Content Aware',
				value: 'content_aware',
				description: 'Cut where the content changes (API default)',
			},
			{ name: 'Fixed', value: 'fixed', description: 'Cut every N seconds' },
			promptDefaultOption,
		],
		default: PROMPT_DEFAULT,
		description: 'How audio is cut into segments',
	},
	durationProperty('audio', 'fixed'),
];

/** Go into the operation's Options collection: absent unless the user adds them. */
export const processingOptions: INodeProperties[] = [
	{
		displayName: 'Enable Image Embedding',
		name: 'enableImageEmbedding',
		type: 'boolean',
		default: true,
		description: 'Whether to compute image embeddings (needed for image and multimodal search)',
	},
	{
		displayName: 'Enable Transcription',
		name: 'enableTranscription',
		type: 'boolean',
		default: true,
		description: 'Whether to transcribe speech',
	},
	{
		displayName: 'Processing Model',
		name: 'processingModel',
		type: 'options',
		options: [
			{ name: 'Gemini 2.5 Flash', value: 'gemini-2.5-flash' },
			{ name: 'Gemini 2.5 Flash Lite', value: 'gemini-2.5-flash-lite' },
			{ name: 'Gemini 2.5 Pro', value: 'gemini-2.5-pro' },
			{ name: 'Gemini 3 Pro Preview', value: 'gemini-3-pro-preview' },
		],
		default: 'gemini-2.5-flash',
		description: 'Model that extracts the metadata',
	},
];

function segmentation(
	context: IExecuteFunctions,
	itemIndex: number,
	kind: 'video' | 'audio',
	into: IDataObject,
): void {
	const mode = context.getNodeParameter(`${kind}Segmentation`, itemIndex, PROMPT_DEFAULT) as string;
	if (!mode || mode === PROMPT_DEFAULT) return;
	into[`${kind}_segmentation_type`] = mode;
	if (mode !== 'fixed') return;
	const label = `${kind === 'video' ? 'Video' : 'Audio'} Segment Duration`;
	const raw = context.getNodeParameter(`${kind}SegmentDuration`, itemIndex, undefined);
	into[`${kind}_segment_duration`] = checkInteger(context, itemIndex, raw, label, 1, 300);
}

/** The settings part of an execute/process body, with only what the user chose. */
export function readExecutionSettings(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const settings: IDataObject = {};
	segmentation(context, itemIndex, 'video', settings);
	segmentation(context, itemIndex, 'audio', settings);
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const processingModel = chosenOption(options.processingModel);
	if (processingModel) settings.processing_model = processingModel;
	if (typeof options.enableTranscription === 'boolean')
		settings.enable_transcription = options.enableTranscription;
	if (typeof options.enableImageEmbedding === 'boolean')
		settings.enable_image_embedding = options.enableImageEmbedding;
	return settings;
}
