import type {
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { readIdList } from '../../../../shared/n8n/id-list';
import { checkText } from '../../../../shared/n8n/text-check';
import { INDEX, locator, locatorValue, optionalLocatorValue } from './locators';
import { idMultiSelect } from './id-multi-select';
import { mediaIdsProperty, readMediaIds } from './media-ids';

/**
 * Which media an operation covers. Prompt-run Execute offers index / media items / playground
 * (`target`, docs/api/conventions.md#execute-request), Process Media index / index by name / media items (docs/api/conventions.md#workflow-surface), workflow search all of
 * those plus prompt runs (docs/api/conventions.md#workflow-surface); the fields behind each choice are the same everywhere.
 */
export type ScopeKind = 'index' | 'indexName' | 'videos' | 'runs' | 'playground';

export type MediaScope =
	| { kind: 'index'; indexId: string }
	| { kind: 'indexName'; indexName: string }
	| { kind: 'videos'; videoIds: string[]; indexId?: string }
	| { kind: 'runs'; runIds: string[] }
	| { kind: 'playground' };

/** One operation's scope: written once, read by both `mediaScopeProperties` and `readMediaScope`. */
export interface MediaScopeSpec {
	/** Name of the selector parameter, e.g. `target`. */
	parameter: string;
	/** The choices offered; the first is the default. */
	kinds: ScopeKind[];
	/** What covers the media, for the selector's description, e.g. "the run". */
	what: string;
	/** Offer "Containing Index" next to media IDs (run targets need it for indexed media). */
	containingIndex: boolean;
}

const CHOICES: Record<ScopeKind, INodePropertyOptions> = {
	index: { name: 'Index', value: 'index', description: 'Every media item of one index' },
	indexName: {
		name: 'Index by Name',
		value: 'indexName',
		description: 'Every media item of the index with this name',
	},
	videos: { name: 'Media Items', value: 'videos', description: 'Chosen media items by ID' },
	runs: { name: 'Prompt Runs', value: 'runs', description: 'The results of chosen prompt runs' },
	playground: {
		name: 'Playground',
		value: 'playground',
		description: 'All media uploaded without an index',
	},
};

export function mediaScopeProperties(spec: MediaScopeSpec): INodeProperties[] {
	const { parameter, kinds, what } = spec;
	const showFor = (kind: ScopeKind) => ({ show: { [parameter]: [kind] } });
	const selector: INodeProperties = {
		displayName: 'Target',
		name: parameter,
		type: 'options',
		options: kinds.map((kind) => CHOICES[kind]).sort((a, b) => a.name.localeCompare(b.name)),
		default: '',
		description: `Which media ${what} covers`,
	};
	// Set apart from the literal: n8n's lint reads `default` only when it is a literal.
	selector.default = kinds[0];
	const properties: INodeProperties[] = [selector];
	if (kinds.includes('index'))
		properties.push(locator(INDEX, { displayOptions: showFor('index') }));
	if (kinds.includes('indexName')) {
		properties.push({
			displayName: 'Index Name',
			name: 'indexName',
			type: 'string',
			required: true,
			default: '',
			description: 'Name of the index; it is looked up by name',
			displayOptions: showFor('indexName'),
		});
	}
	if (kinds.includes('videos')) {
		properties.push(mediaIdsProperty(undefined, showFor('videos')));
		if (spec.containingIndex) {
			properties.push(
				locator(INDEX, {
					displayName: 'Containing Index',
					required: false,
					description: 'The index that holds these media items; leave empty for playground media',
					displayOptions: showFor('videos'),
				}),
			);
		}
	}
	if (kinds.includes('runs')) {
		properties.push({
			...idMultiSelect({
				name: 'scopeRunIds',
				noun: 'Prompt Run',
				method: 'getPromptRunChoices',
				description: 'The prompt runs',
				required: true,
			}),
			displayOptions: showFor('runs'),
		});
	}
	return properties;
}

/**
 * Reads the scope and refuses a missing index or an empty media list before any request. A containing
 * index is read only where the spec offers one.
 */
export function readMediaScope(
	context: IExecuteFunctions,
	itemIndex: number,
	spec: MediaScopeSpec,
): MediaScope {
	const kind = context.getNodeParameter(spec.parameter, itemIndex) as ScopeKind;
	switch (kind) {
		case 'index':
			return { kind, indexId: locatorValue(context, INDEX, itemIndex) };
		case 'indexName': {
			const raw = context.getNodeParameter('indexName', itemIndex, '');
			return {
				kind,
				indexName: checkText(context, itemIndex, raw, 'Index Name', { min: 1, max: 255 }),
			};
		}
		case 'videos': {
			const videoIds = readMediaIds(context, itemIndex);
			const indexId = spec.containingIndex
				? optionalLocatorValue(context, INDEX, itemIndex)
				: undefined;
			return { kind, videoIds, indexId };
		}
		case 'runs': {
			const raw = context.getNodeParameter('scopeRunIds', itemIndex, '');
			return { kind, runIds: readIdList(context, itemIndex, raw, 'Run IDs', { required: true }) };
		}
		default:
			return { kind: 'playground' };
	}
}

/**
 * The scope under the API's field names, which the run and search bodies share (docs/api/conventions.md#workflow-surface, docs/api/conventions.md#execute-request); the
 * playground is the absence of any of them. A containing index travels next to the media IDs.
 */
export function mediaScopeBody(scope: MediaScope): IDataObject {
	switch (scope.kind) {
		case 'index':
			return { index_id: scope.indexId };
		case 'indexName':
			return { index_name: scope.indexName };
		case 'videos':
			return scope.indexId
				? { video_ids: scope.videoIds, index_id: scope.indexId }
				: { video_ids: scope.videoIds };
		case 'runs':
			return { prompt_run_ids: scope.runIds };
		default:
			return {};
	}
}
