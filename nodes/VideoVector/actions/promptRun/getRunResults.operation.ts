import { readResultLimit, returnAllOrLimit } from '../common/list';
import { locator, locatorValue, MEDIA, optionalLocatorValue, RUN } from '../common/locators';
import { pageSizeFor } from '../common/paged-results';
import { readResultLevel, resultLevelProperty } from '../common/result-level';
import { defineOperation } from '../operation';
import { collectRunResults, MAX_RESULTS_PAGE, type ResultStream } from './run-result-streams';

const STREAMS: Record<string, ResultStream[]> = {
	both: ['filtered', 'unfiltered'],
	filtered: ['filtered'],
	unfiltered: ['unfiltered'],
};

export const getRunResults = defineOperation({
	value: 'getRunResults',
	name: 'Get Run Results',
	action: 'Get extracted or selected results of a run',
	description:
		"List a finished run's results per segment or per media item: all extracted results (unfiltered), those the prompt's selection filter kept (filtered), or both. Each item says which view it belongs to.",
	endpoints: ['workflow.listRunResults'],
	properties: [
		locator(RUN),
		{
			displayName: 'View',
			name: 'view',
			type: 'options',
			options: [
				{ name: 'Both', value: 'both', description: 'Both streams, each paged on its own' },
				{
					name: 'Filtered',
					value: 'filtered',
					description: "Results kept by the prompt's selection filter",
				},
				{ name: 'Unfiltered', value: 'unfiltered', description: 'Every extracted result' },
			],
			default: 'unfiltered',
			description: 'Which results to return',
		},
		resultLevelProperty,
		locator(MEDIA, {
			displayName: 'Only Media Item',
			required: false,
			description: 'Limit the results to one media item; leave empty for all',
		}),
		...returnAllOrLimit(),
	],
	async execute(itemIndex, session) {
		const runId = locatorValue(this, RUN, itemIndex);
		const maxItems = readResultLimit(this, itemIndex);
		return await collectRunResults(session, {
			runId,
			streams:
				STREAMS[this.getNodeParameter('view', itemIndex, 'unfiltered') as string] ??
				STREAMS.unfiltered,
			resultLevel: readResultLevel(this, itemIndex),
			videoId: optionalLocatorValue(this, MEDIA, itemIndex),
			maxItems,
			pageSize: pageSizeFor(maxItems, MAX_RESULTS_PAGE),
		});
	},
});
