import { ApiError } from './errors.js';
import { Rng } from './rng.js';

/**
 * Fault injection, switchable at runtime (in-process `control.faults` or `/_emulator/faults`).
 * Decisions come from a PRNG re-seeded whenever the rules change, so the same rules + the same
 * request sequence always give the same faults.
 */

export type FaultKind =
	'latency' | 'barrier' | 'rate_limit' | 'server_error' | 'reset' | 'lost_answer';

/** How a `lost_answer` fault loses the answer of a request the route already carried out. */
export type LostAnswerMode = 'reset' | 'bad_gateway' | 'timeout';

/** The 429 codes of docs/api/conventions.md#status-codes a `rate_limit` rule may answer with. */
export const QUOTA_CODES = [
	'rate_limit_exceeded',
	'resource_quota_exceeded',
	'resource_rate_quota_exceeded',
	'llm_daily_budget_exceeded',
	'llm_user_budget_exceeded',
	'llm_budget_guard_open',
] as const;
export type QuotaCode = (typeof QUOTA_CODES)[number];

export interface FaultRuleInput {
	kind: FaultKind;
	/** HTTP method to match (any when omitted). */
	method?: string;
	/** Glob over the path under /api/v2: `*` matches one segment, `**` any rest (see README). */
	path?: string;
	/** Regular expression alternative to `path`, tested against the path under /api/v2. */
	pathRegex?: string;
	/** Probability per matching request (default 1 when `next` is not given). */
	rate?: number;
	/** Only the next N matching requests (`barrier`: how many are held until they all arrived). */
	next?: number;
	/** `latency`: the delay; `barrier`: the longest a request is held (default 30 000). */
	latencyMs?: number;
	retryAfterSeconds?: number;
	/** 500–599 for `server_error` (default 503). */
	status?: number;
	/** `lost_answer`: socket reset (default), a 502 instead of the real answer, or the answer held for `latencyMs`. */
	lostAs?: LostAnswerMode;
	/** `rate_limit`: the 429 code (default `rate_limit_exceeded`). */
	code?: QuotaCode;
}

export interface FaultRule extends FaultRuleInput {
	id: string;
	remaining: number | null;
	matcher: RegExp;
	/** `barrier`: the requests waiting for the rest of their group. */
	held?: Array<() => void>;
}

export type SseFaultMode = 'cut' | 'cut_mid_event' | 'stream_error';

export interface SseFaultInput {
	/** Complete events written on a connection before the fault strikes. */
	afterEvents: number;
	mode: SseFaultMode;
	/** How many new connections are affected (all while set when omitted). */
	connections?: number;
	/** Error code for `stream_error` (default `internal_error`). */
	code?: string;
}

export interface WebhookFaultInput {
	/** Send every delivery attempt twice (true) or with this probability (number). */
	duplicate: boolean | number;
}

export interface FaultDecision {
	latencyMs: number;
	/** Settles when the request's `barrier` group has fully arrived. */
	gate?: Promise<void>;
	action: 'none' | 'reset' | 'rate_limit' | 'server_error' | 'lost_answer';
	rule?: FaultRule;
}

const SERVER_ERROR_CODES: Record<number, string> = {
	500: 'internal_error',
	502: 'upstream_bad_gateway',
	503: 'service_unavailable',
	504: 'upstream_timeout',
};

function globToRegExp(glob: string): RegExp {
	const escaped = glob
		.split('**')
		.map((part) =>
			part
				.split('*')
				.map((chunk) => chunk.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
				.join('[^/]*'),
		)
		.join('.*');
	return new RegExp(`^${escaped}$`);
}

function checkRule(input: FaultRuleInput): void {
	if (
		!['latency', 'barrier', 'rate_limit', 'server_error', 'reset', 'lost_answer'].includes(
			input.kind,
		)
	)
		throw new RangeError(`unknown fault kind ${String(input.kind)}`);
	if (input.lostAs !== undefined && !['reset', 'bad_gateway', 'timeout'].includes(input.lostAs))
		throw new RangeError('lostAs must be reset, bad_gateway or timeout');
	if (input.lostAs === 'timeout' && !(typeof input.latencyMs === 'number' && input.latencyMs > 0))
		throw new RangeError('lostAs timeout needs latencyMs > 0 (longer than the client waits)');
	if (input.code !== undefined && !(QUOTA_CODES as readonly string[]).includes(input.code))
		throw new RangeError(`code must be one of ${QUOTA_CODES.join(', ')}`);
	if (input.rate !== undefined && !(input.rate >= 0 && input.rate <= 1))
		throw new RangeError('rate must be within 0..1');
	if (input.next !== undefined && !(Number.isInteger(input.next) && input.next >= 0))
		throw new RangeError('next must be a non-negative integer');
	if (
		input.status !== undefined &&
		!(Number.isInteger(input.status) && input.status >= 500 && input.status <= 599)
	)
		throw new RangeError('status must be 500–599');
	if (input.kind === 'latency' && !(typeof input.latencyMs === 'number' && input.latencyMs >= 0))
		throw new RangeError('latency rules need latencyMs >= 0');
	if (input.kind === 'barrier' && !(input.next !== undefined && input.next >= 2))
		throw new RangeError('barrier rules need next >= 2 (the requests held until all arrived)');
}

export class Faults {
	private rules: FaultRule[] = [];
	private rng: Rng;
	private ruleCounter = 0;
	private sseFault: (SseFaultInput & { remaining: number | null }) | null = null;
	private webhookFault: WebhookFaultInput | null = null;

	constructor(private readonly seed: string) {
		this.rng = new Rng(`${seed}:faults`);
	}

	/** Replaces every request rule. */
	set(rules: FaultRuleInput[]): FaultRule[] {
		rules.forEach(checkRule);
		this.rules = [];
		this.reseed();
		return rules.map((rule) => this.add(rule));
	}

	add(input: FaultRuleInput): FaultRule {
		checkRule(input);
		const rule: FaultRule = {
			...input,
			method: input.method?.toUpperCase(),
			id: `fault_${++this.ruleCounter}`,
			remaining: input.next ?? null,
			matcher: input.pathRegex ? new RegExp(input.pathRegex) : globToRegExp(input.path ?? '**'),
			held: input.kind === 'barrier' ? [] : undefined,
		};
		this.rules.push(rule);
		return rule;
	}

	remove(id: string): boolean {
		const before = this.rules.length;
		this.rules = this.rules.filter((rule) => rule.id !== id);
		return this.rules.length !== before;
	}

	clear(): void {
		this.rules = [];
		this.sseFault = null;
		this.webhookFault = null;
		this.reseed();
	}

	list(): {
		rules: Array<Omit<FaultRule, 'matcher' | 'held'>>;
		sse: SseFaultInput | null;
		webhooks: WebhookFaultInput | null;
	} {
		return {
			rules: this.rules.map(({ matcher: _matcher, held: _held, ...rest }) => rest),
			sse: this.sseFault,
			webhooks: this.webhookFault,
		};
	}

	setSse(input: SseFaultInput | null): void {
		if (input && !(Number.isInteger(input.afterEvents) && input.afterEvents >= 0))
			throw new RangeError('afterEvents must be a non-negative integer');
		if (input && !['cut', 'cut_mid_event', 'stream_error'].includes(input.mode))
			throw new RangeError('unknown SSE fault mode');
		this.sseFault = input ? { ...input, remaining: input.connections ?? null } : null;
	}

	/** Claimed once per new SSE connection. */
	claimSseFault(): SseFaultInput | null {
		const fault = this.sseFault;
		if (!fault) return null;
		if (fault.remaining !== null) {
			if (fault.remaining <= 0) return null;
			fault.remaining--;
		}
		return { afterEvents: fault.afterEvents, mode: fault.mode, code: fault.code };
	}

	setWebhooks(input: WebhookFaultInput | null): void {
		this.webhookFault = input;
	}

	shouldDuplicateDelivery(): boolean {
		const dup = this.webhookFault?.duplicate;
		if (dup === undefined || dup === false) return false;
		if (dup === true) return true;
		return this.rng.next() < dup;
	}

	decide(method: string, path: string): FaultDecision {
		let latencyMs = 0;
		let gate: Promise<void> | undefined;
		for (const rule of this.rules) {
			if (!this.matches(rule, method, path) || !this.fires(rule)) continue;
			if (rule.kind === 'latency') {
				latencyMs = Math.max(latencyMs, rule.latencyMs ?? 0);
				continue;
			}
			if (rule.kind === 'barrier') {
				gate = holdAtBarrier(rule);
				continue;
			}
			return { latencyMs, gate, action: rule.kind, rule };
		}
		return { latencyMs, gate, action: 'none' };
	}

	private matches(rule: FaultRule, method: string, path: string): boolean {
		if (rule.method && rule.method !== method) return false;
		return rule.matcher.test(path);
	}

	private fires(rule: FaultRule): boolean {
		if (rule.remaining !== null && rule.remaining <= 0) return false;
		const rate = rule.rate ?? 1;
		const hit = rate >= 1 || this.rng.next() < rate;
		if (hit && rule.remaining !== null) rule.remaining--;
		return hit;
	}

	/** Same seed + same rules + same requests → same faults, whatever happened before. */
	private reseed(): void {
		this.rng = new Rng(`${this.seed}:faults`);
	}
}

/**
 * Holds a request until `next` requests matched the rule, then lets the whole group go at once, so
 * a test can make concurrent callers (e.g. two n8n executions) reach their next step together.
 * After `latencyMs` (default 30 s) the ones waiting go anyway, so a short group cannot hang a test.
 */
function holdAtBarrier(rule: FaultRule): Promise<void> {
	const held = rule.held ?? [];
	const arrived = new Promise<void>((resolve) => held.push(resolve));
	const releaseAll = () => held.splice(0).forEach((release) => release());
	if (rule.remaining === 0) releaseAll();
	else setTimeout(releaseAll, rule.latencyMs ?? 30_000).unref();
	return arrived;
}

export function faultError(decision: FaultDecision): ApiError {
	const rule = decision.rule;
	if (decision.action === 'rate_limit') {
		const seconds = rule?.retryAfterSeconds ?? 1;
		const code = rule?.code ?? 'rate_limit_exceeded';
		const details: Record<string, unknown> = { retry_after: seconds };
		// Per docs/api/conventions.md#status-codes, the rate-quota code carries its reset time in details.
		if (code === 'resource_rate_quota_exceeded')
			details.reset_at = new Date(Date.now() + seconds * 1000).toISOString();
		const message =
			code === 'rate_limit_exceeded'
				? 'Rate limit exceeded; retry after the indicated delay'
				: `Quota or budget exhausted (${code})`;
		return new ApiError(
			429,
			code,
			message,
			details,
			{ 'Retry-After': String(seconds) },
			{ retry_after: seconds },
		);
	}
	const status = rule?.status ?? 503;
	const headers: Record<string, string> =
		rule?.retryAfterSeconds !== undefined ? { 'Retry-After': String(rule.retryAfterSeconds) } : {};
	return new ApiError(
		status,
		SERVER_ERROR_CODES[status] ?? 'server_error',
		'Injected server failure',
		{},
		headers,
	);
}

/** The 502 a proxy answers when the upstream's answer was lost (the write itself went through). */
export function lostAnswerError(): ApiError {
	return new ApiError(
		502,
		'upstream_bad_gateway',
		'Injected lost answer: the request was carried out but its answer did not arrive',
	);
}
