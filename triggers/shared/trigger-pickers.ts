import type { INodeProperties } from 'n8n-workflow';

/**
 * The event and index pickers every VideoVector trigger shows, with the same label, options source
 * (`getEventTypes` / `getIndexes` of triggers/VideoVectorTrigger/load-options.ts) and meaning:
 * pick one or more event types, or "All Events"; pick indexes, or none for all.
 */
export const triggerOnProperty: INodeProperties = {
	displayName: 'Trigger On',
	name: 'events',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getEventTypes' },
	default: [],
	required: true,
	description:
		'The events that start the workflow. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	hint: '"All Events" also covers event types VideoVector adds later',
};

export const indexFilterProperty: INodeProperties = {
	displayName: 'Index Names or IDs',
	name: 'indexIds',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getIndexes' },
	default: [],
	description:
		'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
	hint: 'Only events of these indexes; leave empty for all. Events that belong to no index always arrive.',
};
