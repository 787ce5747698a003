import { invalid } from './errors.js';
import { activeTracker } from './strict-keys.js';

/**
 * Request validation that always names the offending field (`details.field`), dotted for nested
 * values (`target.index_id`, `conditions[1].value`). Unknown extra fields are ignored, as the
 * real (pydantic) service does, except where the contract says "no other keys".
 */

export type JsonRecord = Record<string, unknown>;

export function isRecord(value: unknown): value is JsonRecord {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export interface StringRule {
	min?: number;
	max?: number;
	pattern?: RegExp;
	patternHint?: string;
}

export class Fields {
	readonly obj: JsonRecord;

	constructor(
		value: unknown,
		private readonly prefix = '',
	) {
		if (value === undefined || value === null) this.obj = {};
		else if (isRecord(value)) this.obj = value;
		else throw invalid(prefix || 'body', 'must be a JSON object');
		activeTracker()?.noteEntered(prefix);
	}

	/** Every read goes through here so strict mode knows which keys the route accepts. */
	private get(key: string): unknown {
		activeTracker()?.noteRead(this.path(key));
		return this.obj[key];
	}

	static body(value: unknown): Fields {
		return new Fields(value, '');
	}

	path(key: string): string {
		return this.prefix ? `${this.prefix}.${key}` : key;
	}

	has(key: string): boolean {
		return this.get(key) !== undefined && this.get(key) !== null;
	}

	raw(key: string): unknown {
		return this.get(key);
	}

	str(key: string, rule: StringRule = {}): string {
		const value = this.optStr(key, rule);
		if (value === undefined) throw invalid(this.path(key), 'is required');
		return value;
	}

	optStr(key: string, rule: StringRule = {}): string | undefined {
		const value = this.get(key);
		if (value === undefined || value === null) return undefined;
		return checkString(this.path(key), value, rule);
	}

	bool(key: string, fallback: boolean): boolean {
		return this.optBool(key) ?? fallback;
	}

	optBool(key: string): boolean | undefined {
		const value = this.get(key);
		if (value === undefined || value === null) return undefined;
		if (typeof value !== 'boolean') throw invalid(this.path(key), 'must be a boolean');
		return value;
	}

	optInt(key: string, min: number, max: number): number | undefined {
		const value = this.get(key);
		if (value === undefined || value === null) return undefined;
		return checkInt(this.path(key), value, min, max);
	}

	int(key: string, min: number, max: number, fallback: number): number {
		return this.optInt(key, min, max) ?? fallback;
	}

	optNumber(key: string, min: number, max: number): number | undefined {
		const value = this.get(key);
		if (value === undefined || value === null) return undefined;
		if (typeof value !== 'number' || !Number.isFinite(value))
			throw invalid(this.path(key), 'must be a number');
		if (value < min || value > max)
			throw invalid(this.path(key), `must be between ${min} and ${max}`);
		return value;
	}

	optEnum<T extends string>(key: string, allowed: readonly T[]): T | undefined {
		const value = this.get(key);
		if (value === undefined || value === null) return undefined;
		return checkEnum(this.path(key), value, allowed);
	}

	enumOf<T extends string>(key: string, allowed: readonly T[], fallback: T): T {
		return this.optEnum(key, allowed) ?? fallback;
	}

	optStrArray(
		key: string,
		opts: { min?: number; max?: number; item?: StringRule } = {},
	): string[] | undefined {
		const value = this.get(key);
		if (value === undefined || value === null) return undefined;
		if (!Array.isArray(value)) throw invalid(this.path(key), 'must be an array of strings');
		if (opts.min !== undefined && value.length < opts.min)
			throw invalid(this.path(key), `must contain at least ${opts.min} item(s)`);
		if (opts.max !== undefined && value.length > opts.max)
			throw invalid(this.path(key), `must contain at most ${opts.max} item(s)`);
		return value.map((item, i) =>
			checkString(`${this.path(key)}[${i}]`, item, opts.item ?? { min: 1 }),
		);
	}

	strArray(key: string, opts: { min?: number; max?: number; item?: StringRule } = {}): string[] {
		const value = this.optStrArray(key, opts);
		if (value === undefined) throw invalid(this.path(key), 'is required');
		return value;
	}

	optObject(key: string): JsonRecord | undefined {
		const value = this.get(key);
		if (value === undefined || value === null) return undefined;
		if (!isRecord(value)) throw invalid(this.path(key), 'must be an object');
		return value;
	}

	object(key: string): JsonRecord {
		const value = this.optObject(key);
		if (value === undefined) throw invalid(this.path(key), 'is required');
		return value;
	}

	nested(key: string): Fields {
		return new Fields(this.object(key), this.path(key));
	}

	optArray(key: string): unknown[] | undefined {
		const value = this.get(key);
		if (value === undefined || value === null) return undefined;
		if (!Array.isArray(value)) throw invalid(this.path(key), 'must be an array');
		return value;
	}
}

export function checkString(field: string, value: unknown, rule: StringRule = {}): string {
	if (typeof value !== 'string') throw invalid(field, 'must be a string');
	const min = rule.min ?? 0;
	if (value.trim().length < min || value.length < min)
		throw invalid(field, min <= 1 ? 'must not be blank' : `must be at least ${min} characters`);
	if (rule.max !== undefined && value.length > rule.max)
		throw invalid(field, `must be at most ${rule.max} characters`);
	if (rule.pattern && !rule.pattern.test(value))
		throw invalid(field, rule.patternHint ?? 'has an invalid format');
	return value;
}

export function checkInt(field: string, value: unknown, min: number, max: number): number {
	if (typeof value !== 'number' || !Number.isInteger(value))
		throw invalid(field, 'must be an integer');
	if (value < min || value > max) throw invalid(field, `must be between ${min} and ${max}`);
	return value;
}

export function checkEnum<T extends string>(
	field: string,
	value: unknown,
	allowed: readonly T[],
): T {
	if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
		throw invalid(field, `must be one of ${allowed.join(', ')}`, { allowed });
	}
	return value as T;
}

/** Query-string access: express gives strings or arrays of strings. */
export class QueryFields {
	constructor(private readonly query: Record<string, unknown>) {}

	private get(key: string): unknown {
		activeTracker()?.noteQueryRead(key);
		return this.query[key];
	}

	optStr(key: string): string | undefined {
		const value = this.get(key);
		if (value === undefined) return undefined;
		if (Array.isArray(value))
			return typeof value[0] === 'string' ? value[value.length - 1] : undefined;
		return typeof value === 'string' ? value : undefined;
	}

	strs(key: string): string[] {
		const value = this.get(key);
		if (value === undefined) return [];
		const list = Array.isArray(value) ? value : [value];
		return list.filter((item): item is string => typeof item === 'string' && item !== '');
	}

	int(key: string, min: number, max: number, fallback: number): number {
		return this.optInt(key, min, max) ?? fallback;
	}

	optInt(key: string, min: number, max: number): number | undefined {
		const raw = this.optStr(key);
		if (raw === undefined || raw === '') return undefined;
		if (!/^-?\d+$/.test(raw)) throw invalid(key, 'must be an integer');
		return checkInt(key, Number(raw), min, max);
	}

	optBool(key: string): boolean | undefined {
		const raw = this.optStr(key);
		if (raw === undefined || raw === '') return undefined;
		if (raw === 'true' || raw === '1') return true;
		if (raw === 'false' || raw === '0') return false;
		throw invalid(key, 'must be true or false');
	}

	bool(key: string, fallback: boolean): boolean {
		return this.optBool(key) ?? fallback;
	}

	optEnum<T extends string>(key: string, allowed: readonly T[]): T | undefined {
		const raw = this.optStr(key);
		if (raw === undefined || raw === '') return undefined;
		return checkEnum(key, raw, allowed);
	}
}
