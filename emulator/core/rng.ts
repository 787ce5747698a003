import { createHash } from 'node:crypto';

/**
 * Seeded randomness. Behaviour must be reproducible from the emulator seed, so nothing here
 * (or anywhere in the emulator) calls Math.random.
 */

export function sha256Hex(input: string | Buffer): string {
	return createHash('sha256').update(input).digest('hex');
}

/** 32-bit FNV-1a: cheap, good enough to derive PRNG seeds and stable pseudo-random fractions. */
export function fnv1a(input: string): number {
	let hash = 0x811c9dc5;
	for (let i = 0; i < input.length; i++) {
		hash ^= input.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193);
	}
	return hash >>> 0;
}

/** A stable number in [0, 1) derived from the parts: "does this segment fail?" style decisions. */
export function stableFraction(...parts: Array<string | number>): number {
	const hex = sha256Hex(parts.join('\u0000')).slice(0, 13);
	return parseInt(hex, 16) / 2 ** 52;
}

/** sfc32: small, fast, well-distributed; state seeded from a string through sha256. */
export class Rng {
	private a: number;
	private b: number;
	private c: number;
	private d: number;

	constructor(seed: string | number) {
		const digest = createHash('sha256').update(String(seed)).digest();
		this.a = digest.readUInt32LE(0);
		this.b = digest.readUInt32LE(4);
		this.c = digest.readUInt32LE(8);
		this.d = digest.readUInt32LE(12);
		for (let i = 0; i < 12; i++) this.nextUint32();
	}

	nextUint32(): number {
		this.a >>>= 0;
		this.b >>>= 0;
		this.c >>>= 0;
		this.d >>>= 0;
		const t = (this.a + this.b) | 0;
		this.a = this.b ^ (this.b >>> 9);
		this.b = (this.c + (this.c << 3)) | 0;
		this.c = (this.c << 21) | (this.c >>> 11);
		this.d = (this.d + 1) | 0;
		const out = (t + this.d) | 0;
		this.c = (this.c + out) | 0;
		return out >>> 0;
	}

	/** Uniform in [0, 1). */
	next(): number {
		return this.nextUint32() / 4294967296;
	}

	/** Integer in [min, max] inclusive. */
	int(min: number, max: number): number {
		return min + Math.floor(this.next() * (max - min + 1));
	}

	pick<T>(items: readonly T[]): T {
		if (items.length === 0) throw new Error('pick from empty list');
		return items[Math.floor(this.next() * items.length)] as T;
	}

	hex(length: number): string {
		let out = '';
		while (out.length < length) out += this.nextUint32().toString(16).padStart(8, '0');
		return out.slice(0, length);
	}

	bool(probability = 0.5): boolean {
		return this.next() < probability;
	}
}

/** JSON with sorted object keys, so two equal bodies hash equally whatever their key order. */
export function stableStringify(value: unknown): string {
	if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
	if (Array.isArray(value)) return `[${value.map((item) => stableStringify(item)).join(',')}]`;
	const entries = Object.entries(value as Record<string, unknown>)
		.filter(([, v]) => v !== undefined)
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
	return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
}

/** Draws in [0, 1) from an `Rng`, for code that takes a `() => number` (tests, jitter). */
export function seededRandom(seed: string | number): () => number {
	const rng = new Rng(seed);
	return () => rng.next();
}
