import type {
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * The metadata-filter condition builder and the rules of docs/api/conventions.md#search, checked before any request:
 * at most 4 conditions (ANDed), operators allowed per value type, `is_empty`/`is_not_empty` carry no
 * value, every other operator needs a non-blank value of the right type.
 */

export const MAX_CONDITIONS = 4;

export type ConditionType = 'string' | 'integer' | 'number' | 'boolean' | 'array';

const NO_VALUE = new Set(['is_empty', 'is_not_empty']);

const OPERATOR_NAMES: Record<string, string> = {
	contains: 'Contains',
	ends_with: 'Ends With',
	equals: 'Equals',
	greater_equal: 'Greater Than or Equal',
	greater_than: 'Greater Than',
	is_empty: 'Is Empty',
	is_not_empty: 'Is Not Empty',
	item_contains: 'Item Contains',
	item_equals: 'Item Equals',
	length_equals: 'Length Equals',
	length_greater: 'Length Greater Than',
	length_less: 'Length Less Than',
	less_equal: 'Less Than or Equal',
	less_than: 'Less Than',
	starts_with: 'Starts With',
};

const COMPARISONS = ['equals', 'greater_than', 'greater_equal', 'less_than', 'less_equal'];

export const OPERATORS: Record<ConditionType, readonly string[]> = {
	string: ['equals', 'contains', 'starts_with', 'ends_with', 'is_empty', 'is_not_empty'],
	integer: COMPARISONS,
	number: COMPARISONS,
	boolean: ['equals'],
	array: [
		'item_equals',
		'item_contains',
		'length_equals',
		'length_greater',
		'length_less',
		'is_empty',
		'is_not_empty',
	],
};

const TYPE_OPTIONS: INodePropertyOptions[] = [
	{
		name: 'Array',
		value: 'array',
		description: 'A list field (match an item or compare the length)',
	},
	{ name: 'Boolean', value: 'boolean' },
	{ name: 'Integer', value: 'integer' },
	{ name: 'Number', value: 'number' },
	{ name: 'String', value: 'string' },
];

function operatorProperty(type: ConditionType): INodeProperties {
	const options = OPERATORS[type]
		.map((value) => ({ name: OPERATOR_NAMES[value], value }))
		.sort((a, b) => a.name.localeCompare(b.name));
	const property: INodeProperties = {
		displayName: 'Operator',
		name: 'operator',
		type: 'options',
		options,
		default: '',
		displayOptions: { show: { type: [type] } },
	};
	// Set apart from the literal: n8n's lint reads `default` only when it is a literal.
	property.default = OPERATORS[type][0];
	return property;
}

/** The Conditions parameter (the Type column also decides how each value is read). */
export function conditionsProperty(description: string): INodeProperties {
	return {
		displayName: 'Conditions',
		name: 'conditions',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Condition',
		default: {},
		description,
		options: [
			{
				displayName: 'Condition',
				name: 'condition',
				values: [
					{
						displayName: 'Field',
						name: 'field',
						type: 'string',
						default: '',
						placeholder: 'e.g. scene.people[].emotion',
						description: 'Dotted path into the extracted metadata; [] descends into a list',
					},
					{
						displayName: 'Type',
						name: 'type',
						type: 'options',
						options: TYPE_OPTIONS,
						default: 'string',
						description: 'Type of the field, which decides the operators and how the value is read',
					},
					...(['string', 'integer', 'number', 'boolean', 'array'] as const).map(operatorProperty),
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						description:
							'Value to compare with. Booleans: true or false. Item Equals: a number, true/false, or text (quote it, e.g. "42", to match text that looks like a number).',
						displayOptions: { hide: { operator: ['is_empty', 'is_not_empty'] } },
					},
				],
			},
		],
	};
}

export interface FilterCondition {
	field: string;
	operator: string;
	type: ConditionType;
	value?: string | number | boolean;
}

type Typed = { ok: true; value: string | number | boolean } | { ok: false; expected: string };

function asText(raw: unknown): string {
	return typeof raw === 'string' ? raw : raw === undefined || raw === null ? '' : String(raw);
}

function asInteger(raw: unknown, min = Number.NEGATIVE_INFINITY): Typed {
	const n = typeof raw === 'number' ? raw : Number(asText(raw).trim());
	return Number.isInteger(n) && n >= min
		? { ok: true, value: n }
		: { ok: false, expected: min === 0 ? 'a non-negative whole number' : 'a whole number' };
}

function asBoolean(raw: unknown): Typed {
	if (typeof raw === 'boolean') return { ok: true, value: raw };
	const text = asText(raw).trim().toLowerCase();
	return text === 'true' || text === 'false'
		? { ok: true, value: text === 'true' }
		: { ok: false, expected: 'true or false' };
}

/** `item_equals` matches strings, numbers or booleans; text that parses as one of the latter is one. */
function asScalar(raw: unknown): Typed {
	if (typeof raw === 'number' || typeof raw === 'boolean') return { ok: true, value: raw };
	const text = asText(raw).trim();
	try {
		const parsed: unknown = JSON.parse(text);
		if (
			typeof parsed === 'string' ||
			typeof parsed === 'boolean' ||
			(typeof parsed === 'number' && Number.isFinite(parsed))
		) {
			return { ok: true, value: parsed };
		}
	} catch {
		// Not JSON: plain text.
	}
	return { ok: true, value: asText(raw) };
}

function typedValue(type: ConditionType, operator: string, raw: unknown): Typed {
	switch (type) {
		case 'integer':
			return asInteger(raw);
		case 'number': {
			const n = typeof raw === 'number' ? raw : Number(asText(raw).trim());
			return Number.isFinite(n)
				? { ok: true, value: n }
				: { ok: false, expected: 'a finite number' };
		}
		case 'boolean':
			return asBoolean(raw);
		case 'array':
			if (operator.startsWith('length_')) return asInteger(raw, 0);
			return operator === 'item_equals' ? asScalar(raw) : { ok: true, value: asText(raw) };
		default:
			return { ok: true, value: asText(raw) };
	}
}

/**
 * Checks and types the conditions; returns the first problem as a sentence naming the condition,
 * or the conditions ready to send.
 */
export function checkConditions(rows: IDataObject[]): FilterCondition[] | string {
	if (rows.length === 0) return 'Add at least one condition';
	if (rows.length > MAX_CONDITIONS)
		return `At most ${MAX_CONDITIONS} conditions are allowed (got ${rows.length})`;
	const out: FilterCondition[] = [];
	for (const [index, row] of rows.entries()) {
		const field = asText(row.field).trim();
		const where = `Condition ${index + 1}${field ? ` (${field})` : ''}`;
		if (!field) return `${where}: Field is required`;
		const type = asText(row.type || 'string') as ConditionType;
		if (!(type in OPERATORS)) return `${where}: unknown type "${type}"`;
		const operator = asText(row.operator || OPERATORS[type][0]);
		if (!OPERATORS[type].includes(operator)) {
			return `${where}: operator "${operator}" is not allowed for type ${type} (allowed: ${OPERATORS[type].join(', ')})`;
		}
		if (NO_VALUE.has(operator)) {
			out.push({ field, operator, type });
			continue;
		}
		if (asText(row.value).trim() === '')
			return `${where}: a value is required for operator "${operator}"`;
		const typed = typedValue(type, operator, row.value);
		if (!typed.ok)
			return `${where}: the value must be ${typed.expected} (got "${asText(row.value)}")`;
		out.push({ field, operator, type, value: typed.value });
	}
	return out;
}

/** Reads the Conditions parameter and refuses broken conditions before any request. */
export function readConditions(
	context: IExecuteFunctions,
	itemIndex: number,
	required = true,
): FilterCondition[] {
	const collection = context.getNodeParameter('conditions', itemIndex, {}) as IDataObject;
	const rows = (Array.isArray(collection.condition) ? collection.condition : []) as IDataObject[];
	if (rows.length === 0 && !required) return [];
	const checked = checkConditions(rows);
	if (typeof checked === 'string')
		throw new NodeOperationError(context.getNode(), checked, { itemIndex });
	return checked;
}
