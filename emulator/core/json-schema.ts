import { isRecord } from './validation.js';

/**
 * A small JSON Schema checker for `POST /prompts/test-schema`: the keywords prompt schemas use
 * (type, properties, required, additionalProperties, items, enum, const, bounds, anyOf/oneOf).
 * Returns the first violation with its JSON path.
 */

export interface SchemaViolation {
	path: string;
	message: string;
}

function typeMatches(type: string, value: unknown): boolean {
	switch (type) {
		case 'object':
			return isRecord(value);
		case 'array':
			return Array.isArray(value);
		case 'string':
			return typeof value === 'string';
		case 'integer':
			return typeof value === 'number' && Number.isInteger(value);
		case 'number':
			return typeof value === 'number' && Number.isFinite(value);
		case 'boolean':
			return typeof value === 'boolean';
		case 'null':
			return value === null;
		default:
			return true;
	}
}

export function checkAgainstSchema(
	schema: unknown,
	value: unknown,
	path = '$',
): SchemaViolation | null {
	if (!isRecord(schema)) return null;
	const variants = (schema.anyOf ?? schema.oneOf) as unknown;
	if (Array.isArray(variants) && variants.length > 0) {
		const ok = variants.some((variant) => checkAgainstSchema(variant, value, path) === null);
		if (!ok) return { path, message: 'does not match any allowed schema' };
	}
	if (schema.type !== undefined) {
		const types = Array.isArray(schema.type) ? schema.type : [schema.type];
		if (!types.some((t) => typeof t === 'string' && typeMatches(t, value))) {
			return { path, message: `expected ${types.join(' or ')}` };
		}
	}
	if (
		Array.isArray(schema.enum) &&
		!schema.enum.some((option) => JSON.stringify(option) === JSON.stringify(value))
	) {
		return {
			path,
			message: `must be one of ${schema.enum.map((o) => JSON.stringify(o)).join(', ')}`,
		};
	}
	if (schema.const !== undefined && JSON.stringify(schema.const) !== JSON.stringify(value))
		return { path, message: 'must equal the constant' };
	if (typeof value === 'string') {
		if (typeof schema.minLength === 'number' && value.length < schema.minLength)
			return { path, message: `shorter than ${schema.minLength}` };
		if (typeof schema.maxLength === 'number' && value.length > schema.maxLength)
			return { path, message: `longer than ${schema.maxLength}` };
	}
	if (typeof value === 'number') {
		if (typeof schema.minimum === 'number' && value < schema.minimum)
			return { path, message: `less than ${schema.minimum}` };
		if (typeof schema.maximum === 'number' && value > schema.maximum)
			return { path, message: `greater than ${schema.maximum}` };
	}
	if (Array.isArray(value)) {
		if (typeof schema.minItems === 'number' && value.length < schema.minItems)
			return { path, message: `fewer than ${schema.minItems} items` };
		if (typeof schema.maxItems === 'number' && value.length > schema.maxItems)
			return { path, message: `more than ${schema.maxItems} items` };
		for (let i = 0; i < value.length; i++) {
			const inner = checkAgainstSchema(schema.items, value[i], `${path}[${i}]`);
			if (inner) return inner;
		}
	}
	if (isRecord(value)) {
		const props = isRecord(schema.properties) ? schema.properties : {};
		if (Array.isArray(schema.required)) {
			for (const key of schema.required)
				if (typeof key === 'string' && !(key in value))
					return { path: `${path}.${key}`, message: 'is required' };
		}
		for (const [key, inner] of Object.entries(value)) {
			if (key in props) {
				const violation = checkAgainstSchema(props[key], inner, `${path}.${key}`);
				if (violation) return violation;
			} else if (schema.additionalProperties === false) {
				return { path: `${path}.${key}`, message: 'is not allowed' };
			}
		}
	}
	return null;
}

/** Prompt schemas must describe an object (the segment metadata). */
export function isObjectSchema(schema: unknown): boolean {
	return (
		isRecord(schema) &&
		(schema.type === 'object' || (schema.type === undefined && isRecord(schema.properties)))
	);
}
