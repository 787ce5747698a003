import { describe, expect, it } from 'vitest';

import { promptResource } from '../../../nodes/VideoVector/actions/prompt/Prompt.resource';
import { promptRunResource } from '../../../nodes/VideoVector/actions/promptRun/PromptRun.resource';
import { resourceProperties } from '../../../nodes/VideoVector/actions/resource';
import { searchResource } from '../../../nodes/VideoVector/actions/search/Search.resource';
import { ENDPOINT_KEYS } from '../../../shared/contract/endpoints';

const OWN_RESOURCES = [promptResource, promptRunResource, searchResource];

const WORKFLOW_KEYS = [
	'workflow.define',
	'workflow.process',
	'workflow.listRunResults',
	'workflow.search',
	'workflow.searchPage',
];

describe('Prompt, Prompt Run and Search resources', () => {
	it('call every prompts.*, prompt_runs.* and search.* endpoint plus their workflow shortcuts', () => {
		const owned = ENDPOINT_KEYS.filter(
			(key) => /^(prompts|prompt_runs|search)\./.test(key) || WORKFLOW_KEYS.includes(key),
		);
		const listed = new Set(
			OWN_RESOURCES.flatMap((resource) => resource.operations.flatMap((op) => [...op.endpoints])),
		);
		expect(owned.filter((key) => !listed.has(key))).toEqual([]);
		expect(owned).toHaveLength(7 + 11 + 10 + WORKFLOW_KEYS.length);
	});

	it('give every parameter a default and every operation an action an agent can read', () => {
		for (const resource of OWN_RESOURCES) {
			for (const property of resourceProperties(resource)) {
				expect(property.default, `${resource.value}.${property.name}`).not.toBeUndefined();
				expect(property.displayOptions?.show?.resource).toEqual([resource.value]);
			}
			for (const op of resource.operations)
				expect(op.description.length, `${resource.value}.${op.value}`).toBeGreaterThan(30);
		}
	});
});
