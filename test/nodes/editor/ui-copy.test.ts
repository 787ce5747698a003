/**
 * What a user reads in the editor speaks the node's language, not the API's: no endpoint paths,
 * HTTP verbs, SDK names or snake_case API field names in any display name, description, hint,
 * notice or option text. Values a user actually picks or meets in the output (statuses, event
 * names) are allowed, and so are the keys a user must type into a JSON parameter, which the
 * description marks as literals with <code>.
 */
import type { INodeProperties, INodePropertyCollection, INodePropertyOptions } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import * as statuses from '../../../shared/contract/schemas/statuses';
import { WEBHOOK_EVENT_NAMES } from '../../../shared/contract/schemas/webhook-event';
import { VideoVector } from '../../../nodes/VideoVector/VideoVector.node';
import { VideoVectorPollTrigger } from '../../../triggers/VideoVectorPollTrigger/VideoVectorPollTrigger.node';
import { VideoVectorSseTrigger } from '../../../triggers/VideoVectorSseTrigger/VideoVectorSseTrigger.node';
import { VideoVectorTrigger } from '../../../triggers/VideoVectorTrigger/VideoVectorTrigger.node';
import { N8nNodesVideoVectorApi } from '../../../credentials/N8nNodesVideoVectorApi.credentials';
import { N8nNodesVideoVectorReceiverApi } from '../../../credentials/N8nNodesVideoVectorReceiverApi.credentials';

type Option = INodeProperties | INodePropertyOptions | INodePropertyCollection;

interface Text {
	where: string;
	text: string;
}

/** Every user-facing string of a property, its options and nested collections. */
function texts(property: Option, path: string, into: Text[]): void {
	const own = property as Partial<INodeProperties & INodePropertyOptions>;
	for (const key of ['displayName', 'name', 'description', 'hint', 'action'] as const) {
		// `name` is a label only on options (a property's `name` is its key).
		if (key === 'name' && 'type' in property) continue;
		const value = own[key];
		if (typeof value === 'string') into.push({ where: `${path} (${key})`, text: value });
	}
	for (const option of ((property as INodeProperties).options ?? []) as Option[])
		texts(option, `${path}.${String((option as { value?: unknown }).value ?? option.name)}`, into);
	for (const value of ((property as INodePropertyCollection).values ?? []) as Option[])
		texts(value, `${path}.${value.name}`, into);
}

function nodeTexts(): Text[] {
	const into: Text[] = [];
	const description = new VideoVector().description;
	into.push({ where: 'node (description)', text: description.description });
	for (const property of description.properties) {
		const show = property.displayOptions?.show ?? {};
		const scope = [show.resource, show.operation].filter(Boolean).join('.');
		texts(property, `${scope || 'node'}:${property.name}`, into);
	}
	return into;
}

/** Values a user meets as they are: statuses and event names. */
const ALLOWED = new Set<string>([
	...Object.values(statuses).flatMap((value) => (Array.isArray(value) ? (value as string[]) : [])),
	...WEBHOOK_EVENT_NAMES,
]);

const API_PATH = /(^|[\s(`"'])\/(api|[a-z-]+\/[a-z{])/;
const HTTP_VERB = /\b(GET|POST|PUT|PATCH|DELETE) [/A-Za-z]/;
const SDK = /\bSDK\b/i;
/** snake_case identifiers, with a following dotted part (event names) kept together. */
const SNAKE = /\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?:\.[a-z_]+)?\b/g;

function problems(raw: string): string[] {
	const found: string[] = [];
	const text = raw.replace(/<code>[^<]*<\/code>/g, 'literal');
	if (API_PATH.test(text)) found.push('an API path');
	if (HTTP_VERB.test(text)) found.push('an HTTP verb');
	if (SDK.test(text)) found.push('an SDK name');
	for (const [token] of text.matchAll(SNAKE))
		if (!ALLOWED.has(token)) found.push(`the API name "${token}"`);
	return found;
}

/** Collections and fixed collections use `placeholder` as their "Add …" button, not as a hint in a field. */
const BUTTON_TYPES = new Set(['collection', 'fixedCollection']);

/** Every placeholder shown inside a field: of properties, nested values and resource locator modes. */
function fieldPlaceholders(property: Option, path: string, into: Text[]): void {
	const own = property as Partial<INodeProperties>;
	if (typeof own.placeholder === 'string' && !BUTTON_TYPES.has(String(own.type)))
		into.push({ where: path, text: own.placeholder });
	for (const mode of own.modes ?? [])
		if (typeof mode.placeholder === 'string')
			into.push({ where: `${path} (${mode.name} mode)`, text: mode.placeholder });
	for (const option of (own.options ?? []) as Option[])
		if ('type' in option || 'values' in option)
			fieldPlaceholders(option, `${path}.${option.name}`, into);
	for (const value of ((property as INodePropertyCollection).values ?? []) as Option[])
		fieldPlaceholders(value, `${path}.${value.name}`, into);
}

function nodePlaceholders(): Text[] {
	const into: Text[] = [];
	for (const property of new VideoVector().description.properties) {
		const show = property.displayOptions?.show ?? {};
		const scope = [show.resource, show.operation].filter(Boolean).join('.');
		fieldPlaceholders(property, `${scope || 'node'}:${property.name}`, into);
	}
	return into;
}

/** The same walk over the three triggers and both credentials, which users meet in the same editor. */
function triggerAndCredentialPlaceholders(): Text[] {
	const into: Text[] = [];
	const owners: Array<[string, INodeProperties[]]> = [
		['VideoVectorTrigger', new VideoVectorTrigger().description.properties],
		['VideoVectorSseTrigger', new VideoVectorSseTrigger().description.properties],
		['VideoVectorPollTrigger', new VideoVectorPollTrigger().description.properties],
		['N8nNodesVideoVectorApi', new N8nNodesVideoVectorApi().properties],
		['N8nNodesVideoVectorReceiverApi', new N8nNodesVideoVectorReceiverApi().properties],
	];
	for (const [owner, properties] of owners)
		for (const property of properties)
			fieldPlaceholders(property, `${owner}:${property.name}`, into);
	return into;
}

/** n8n's guideline: a placeholder is an example value, written "e.g. …". */
const notAnExample = ({ text }: Text) => !text.startsWith('e.g. ') || text.length <= 'e.g. '.length;

describe('editor copy of the VideoVector node', () => {
	it('writes every placeholder of a field as an example starting with "e.g. "', () => {
		const all = nodePlaceholders();
		// The walk reaches locator modes (By ID) and fields nested in collections.
		expect(all.some((p) => p.where.includes('(id mode)'))).toBe(true);
		expect(all.some((p) => p.where.includes('.file.'))).toBe(true);
		expect(all.length).toBeGreaterThan(40);
		expect(notAnExample({ where: 'a', text: 'idx_1, idx_2' })).toBe(true);
		expect(notAnExample({ where: 'a', text: 'e.g. idx_1, idx_2' })).toBe(false);
		expect(all.filter(notAnExample).map(({ where, text }) => `${where}: "${text}"`)).toEqual([]);
	});

	it('writes the placeholders of the triggers and credentials as examples too', () => {
		const all = triggerAndCredentialPlaceholders();
		expect(all.some((p) => p.where.startsWith('N8nNodesVideoVectorApi:'))).toBe(true);
		expect(all.some((p) => p.where.startsWith('VideoVectorSseTrigger:'))).toBe(true);
		expect(all.filter(notAnExample).map(({ where, text }) => `${where}: "${text}"`)).toEqual([]);
	});

	it('finds the strings to check (the walk reaches operations and nested options)', () => {
		const all = nodeTexts();
		expect(all.length).toBeGreaterThan(500);
		expect(all.some((t) => t.where.includes('promptRun.execute:options'))).toBe(true);
	});

	it('catches what it is meant to catch', () => {
		expect(problems('Upload through POST /videos/upload, as the SDK does')).toEqual([
			'an API path',
			'an HTTP verb',
			'an SDK name',
		]);
		expect(problems('Returns estimated_mt and the run_id')).toEqual([
			'the API name "estimated_mt"',
			'the API name "run_id"',
		]);
		expect(problems('e.g. prompt_run.completed, status completed_with_failures')).toEqual([]);
		expect(problems('an object with <code>json_schema</code>')).toEqual([]);
	});

	it('has no API paths, HTTP verbs, SDK names or snake_case API field names', () => {
		const found = nodeTexts().flatMap(({ where, text }) =>
			problems(text).map((problem) => `${where}: ${problem} in "${text}"`),
		);
		expect(found).toEqual([]);
	});
});
