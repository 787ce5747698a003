import { invalid } from '../core/errors.js';
import { isRecord } from '../core/validation.js';

/**
 * Exact metadata filters (docs/api/conventions.md#search): validation of every operator/type/value rule (422 naming
 * `conditions[i].<key>`) and evaluation with `[]` array descent. A condition holds when ANY
 * value reached by its path satisfies it; conditions are ANDed.
 */

export type ConditionType = 'string' | 'integer' | 'number' | 'boolean' | 'array';

export interface Condition {
	field: string;
	operator: string;
	value?: unknown;
	type: ConditionType;
}

const OPERATORS: Record<ConditionType, string[]> = {
	string: ['equals', 'contains', 'starts_with', 'ends_with', 'is_empty', 'is_not_empty'],
	integer: ['equals', 'greater_than', 'greater_equal', 'less_than', 'less_equal'],
	number: ['equals', 'greater_than', 'greater_equal', 'less_than', 'less_equal'],
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
const NO_VALUE = new Set(['is_empty', 'is_not_empty']);
const ALLOWED_KEYS = new Set(['field', 'operator', 'value', 'type']);
const FIELD_PATH = /^[A-Za-z0-9_-]+(\[\])?(\.[A-Za-z0-9_-]+(\[\])?)*$/;

function isBlank(value: unknown): boolean {
	return (
		value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
	);
}

function checkValue(at: string, type: ConditionType, operator: string, value: unknown): void {
	const bad = (why: string) => invalid(`${at}.value`, why);
	switch (type) {
		case 'string':
			if (typeof value !== 'string') throw bad('must be a string for type string');
			return;
		case 'integer':
			if (typeof value !== 'number' || !Number.isInteger(value))
				throw bad('must be an integer for type integer');
			return;
		case 'number':
			if (typeof value !== 'number' || !Number.isFinite(value))
				throw bad('must be a finite number for type number');
			return;
		case 'boolean':
			if (typeof value !== 'boolean') throw bad('must be a boolean for type boolean');
			return;
		case 'array':
			if (operator === 'item_equals' && !['string', 'number', 'boolean'].includes(typeof value))
				throw bad('item_equals needs a string, number or boolean');
			if (operator === 'item_contains' && typeof value !== 'string')
				throw bad('item_contains needs a string');
			if (
				operator.startsWith('length_') &&
				!(typeof value === 'number' && Number.isInteger(value) && value >= 0)
			)
				throw bad('length operators need a non-negative integer');
	}
}

/** Validates the `/search/filter` conditions array (typed conditions, 1–4). */
export function parseConditions(raw: unknown, field = 'conditions'): Condition[] {
	if (!Array.isArray(raw)) throw invalid(field, 'is required and must be an array');
	if (raw.length < 1 || raw.length > 4) throw invalid(field, 'must contain 1 to 4 conditions');
	return raw.map((item, i) => parseCondition(item, `${field}[${i}]`, true));
}

export function parseCondition(item: unknown, at: string, requireType: boolean): Condition {
	if (!isRecord(item)) throw invalid(at, 'must be an object');
	for (const key of Object.keys(item))
		if (!ALLOWED_KEYS.has(key) || (!requireType && key === 'type'))
			throw invalid(`${at}.${key}`, 'is not an allowed condition key');
	const field = item.field;
	if (typeof field !== 'string' || field.trim() === '') throw invalid(`${at}.field`, 'is required');
	if (!FIELD_PATH.test(field))
		throw invalid(`${at}.field`, 'must be a dotted path (use [] to descend into arrays)');
	const operator = item.operator;
	if (typeof operator !== 'string' || operator === '')
		throw invalid(`${at}.operator`, 'is required');
	const type = requireType ? item.type : inferType(operator, item.value);
	if (typeof type !== 'string' || !(type in OPERATORS))
		throw invalid(`${at}.type`, `must be one of ${Object.keys(OPERATORS).join(', ')}`);
	const conditionType = type as ConditionType;
	if (!OPERATORS[conditionType].includes(operator))
		throw invalid(
			`${at}.operator`,
			`is not allowed for type ${conditionType} (allowed: ${OPERATORS[conditionType].join(', ')})`,
		);
	const hasValue = 'value' in item;
	if (NO_VALUE.has(operator)) {
		if (hasValue) throw invalid(`${at}.value`, `must be omitted for ${operator}`);
		return { field, operator, type: conditionType };
	}
	if (isBlank(item.value)) throw invalid(`${at}.value`, `is required for ${operator}`);
	checkValue(at, conditionType, operator, item.value);
	return { field, operator, value: item.value, type: conditionType };
}

/** Workflow search filters carry no `type`; it follows from the operator and value. */
function inferType(operator: string, value: unknown): ConditionType | undefined {
	if (operator.startsWith('item_') || operator.startsWith('length_')) return 'array';
	if (['contains', 'starts_with', 'ends_with', 'is_empty', 'is_not_empty'].includes(operator))
		return 'string';
	if (['greater_than', 'greater_equal', 'less_than', 'less_equal'].includes(operator))
		return typeof value === 'number' && Number.isInteger(value) ? 'integer' : 'number';
	if (operator === 'equals') {
		if (typeof value === 'boolean') return 'boolean';
		if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
		return 'string';
	}
	return undefined;
}

/** Every value the path reaches; `name[]` spreads the array found at `name`. */
export function resolvePath(root: unknown, path: string): unknown[] {
	let current: unknown[] = [root];
	for (const part of path.split('.')) {
		const spread = part.endsWith('[]');
		const key = spread ? part.slice(0, -2) : part;
		const next: unknown[] = [];
		for (const value of current) {
			if (!isRecord(value) || !(key in value)) continue;
			const inner = value[key];
			if (spread) {
				if (Array.isArray(inner)) next.push(...inner);
			} else {
				next.push(inner);
			}
		}
		current = next;
	}
	return current;
}

function compare(operator: string, actual: number, expected: number): boolean {
	switch (operator) {
		case 'equals':
			return actual === expected;
		case 'greater_than':
			return actual > expected;
		case 'greater_equal':
			return actual >= expected;
		case 'less_than':
			return actual < expected;
		case 'less_equal':
			return actual <= expected;
		default:
			return false;
	}
}

export function evaluate(condition: Condition, metadata: unknown): boolean {
	const values = resolvePath(metadata, condition.field);
	const { operator, value } = condition;
	switch (condition.type) {
		case 'string': {
			const strings = values.filter((v): v is string => typeof v === 'string');
			if (operator === 'is_empty')
				return values.every((v) => v === null || v === '' || v === undefined);
			if (operator === 'is_not_empty') return strings.some((v) => v !== '');
			const expected = value as string;
			return strings.some((v) =>
				operator === 'equals'
					? v === expected
					: operator === 'contains'
						? v.includes(expected)
						: operator === 'starts_with'
							? v.startsWith(expected)
							: v.endsWith(expected),
			);
		}
		case 'integer':
		case 'number':
			return values.some((v) => typeof v === 'number' && compare(operator, v, value as number));
		case 'boolean':
			return values.some((v) => v === value);
		case 'array': {
			const arrays = values.filter((v): v is unknown[] => Array.isArray(v));
			if (operator === 'is_empty') return arrays.every((a) => a.length === 0);
			if (operator === 'is_not_empty') return arrays.some((a) => a.length > 0);
			if (operator === 'item_equals') return arrays.some((a) => a.some((item) => item === value));
			if (operator === 'item_contains')
				return arrays.some((a) =>
					a.some((item) => typeof item === 'string' && item.includes(value as string)),
				);
			const n = value as number;
			return arrays.some((a) =>
				operator === 'length_equals'
					? a.length === n
					: operator === 'length_greater'
						? a.length > n
						: a.length < n,
			);
		}
	}
}

export function evaluateAll(conditions: Condition[], metadata: unknown): boolean {
	return conditions.every((condition) => evaluate(condition, metadata));
}
