import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { checkInteger } from '../common/checked-parameters';
import { chosenOption } from '../common/collection-values';

/**
 * How a run segments and processes media (docs/api/conventions.md#execute-request), shared by Execute, Estimate and the
 * simplified Process operation. Everything the user leaves unset is omitted from the request so the
 * prompt's saved `execution_config` (then the API default) applies — docs/api/conventions.md#execute-request and docs/api/conventions.md#n8n-segmentation-choices.
 */

function durationProperty(kind: 'video' | 'audio'): INodeProperties {
	return {
		displayName: `${kind === 'video' ? 'Video' : 'Audio'} Segment Duration (Seconds)`,
		name: `${kind}SegmentDuration`,
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 300, numberPrecision: 0 },
		default: 10,
		description: `Length of each fixed ${kind} segment, 1–300 seconds. Needed when ${kind === 'video' ? 'Video' : 'Audio'} Segmentation is Fixed.`,
		// Relative to the Options collection: offered once the segmentation is Fixed.
		displayOptions: { show: { [`${kind}Segmentation`]: ['fixed'] } },
	};
}

/** Optional: a run without them uses the prompt's saved setting, else the API default. */
const segmentationOptions: INodeProperties[] = [
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
			{ name: 'Smart', value: 'smart', description: 'Let the service choose (its default)' },
		],
		default: 'smart',
		description:
			"How video is cut into segments. Not added: the prompt's saved setting, else Smart.",
	},
	durationProperty('video'),
	{
		displayName: 'Audio Segmentation',
		name: 'audioSegmentation',
		type: 'options',
		options: [
			{
				name: 'Content Aware',
				value: 'content_aware',
				description: 'Cut where the content changes (the service default)',
			},
			{ name: 'Fixed', value: 'fixed', description: 'Cut every N seconds' },
		],
		default: 'content_aware',
		description:
			"How audio is cut into segments. Not added: the prompt's saved setting, else Content Aware.",
	},
	durationProperty('audio'),
];

/** Go into the operation's Options collection: absent unless the user adds them. */
export const processingOptions: INodeProperties[] = [
	...segmentationOptions,
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
	options: IDataObject,
	into: IDataObject,
): void {
	const mode = chosenOption(options[`${kind}Segmentation`]);
	if (!mode) return;
	into[`${kind}_segmentation_type`] = mode;
	if (mode !== 'fixed') return;
	const label = `Options → ${kind === 'video' ? 'Video' : 'Audio'} Segment Duration (Seconds)`;
	if (options[`${kind}SegmentDuration`] === undefined)
		throw new NodeOperationError(context.getNode(), `Fixed ${kind} segmentation needs ${label}`, {
			itemIndex,
			description: `Add ${label} to say how long each segment is, or choose another ${kind} segmentation.`,
		});
	into[`${kind}_segment_duration`] = checkInteger(
		context,
		itemIndex,
		options[`${kind}SegmentDuration`],
		label,
		1,
		300,
	);
}

/** The settings part of an execute/process body, with only what the user chose. */
export function readExecutionSettings(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const settings: IDataObject = {};
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	segmentation(context, itemIndex, 'video', options, settings);
	segmentation(context, itemIndex, 'audio', options, settings);
	const processingModel = chosenOption(options.processingModel);
	if (processingModel) settings.processing_model = processingModel;
	if (typeof options.enableTranscription === 'boolean')
		settings.enable_transcription = options.enableTranscription;
	if (typeof options.enableImageEmbedding === 'boolean')
		settings.enable_image_embedding = options.enableImageEmbedding;
	return settings;
}
