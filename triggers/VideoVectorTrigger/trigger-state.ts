import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod/v3';

import type { SeenDelivery } from './delivery-dedupe';
import type { EndpointKind } from './endpoint-kind';
import type { SigningSecret } from './signing-secrets';

/** What a subscription is compared on (docs/api/conventions.md#trigger-lifecycle): url, events, index filter. */
export interface SubscriptionSpec {
	url: string;
	/** Sorted, unique. */
	events: string[];
	/** Sorted, unique; null = all indexes. */
	index_ids: string[] | null;
}

/**
 * One registration at VideoVector, kept in the node's static data under the n8n URL it delivers to.
 * Test ("listen for test event") and production URLs differ, so their registrations never share
 * state even though n8n starts a test run with a copy of the production static data.
 */
export interface Registration {
	kind: EndpointKind;
	subscription: SubscriptionSpec;
	/** sha256 of the create body; a different one means the subscription must be replaced. */
	fingerprint: string;
	/** Derived from the create body and saved before the POST, so a lost answer can be replayed. */
	idempotencyKey: string;
	webhookId?: string;
	secrets: SigningSecret[];
	/** Set while a create is unanswered: the remote subscription may or may not exist. */
	pendingSince?: number;
}

const secretSchema = z.object({ secret: z.string(), validUntil: z.number().nullable() });
const registrationSchema = z.object({
	kind: z.enum(['production', 'test']),
	subscription: z.object({
		url: z.string(),
		events: z.array(z.string()),
		index_ids: z.array(z.string()).nullable(),
	}),
	fingerprint: z.string(),
	idempotencyKey: z.string(),
	webhookId: z.string().min(1).optional(),
	secrets: z.array(secretSchema),
	pendingSince: z.number().optional(),
});
const seenSchema = z.array(z.object({ id: z.string(), at: z.number() }));

const REGISTRATIONS = 'registrations';
const SEEN = 'seenDeliveries';
const SEEN_FLOOR = 'seenDeliveriesFloor';

function section(staticData: IDataObject, key: string): IDataObject {
	const value = staticData[key];
	return value !== null && typeof value === 'object' && !Array.isArray(value)
		? (value as IDataObject)
		: {};
}

/**
 * Typed access to `getWorkflowStaticData('node')`. Every write replaces a whole top-level value,
 * which is what n8n's change tracking (and so its saving of static data) reliably notices.
 */
export class TriggerState {
	constructor(private readonly staticData: IDataObject) {}

	registration(url: string): Registration | undefined {
		const parsed = registrationSchema.safeParse(section(this.staticData, REGISTRATIONS)[url]);
		return parsed.success ? parsed.data : undefined;
	}

	registrations(): Registration[] {
		return Object.keys(section(this.staticData, REGISTRATIONS))
			.map((url) => this.registration(url))
			.filter((registration): registration is Registration => registration !== undefined);
	}

	setRegistration(url: string, registration: Registration | undefined): void {
		const { [url]: _previous, ...others } = section(this.staticData, REGISTRATIONS);
		this.staticData[REGISTRATIONS] =
			registration === undefined
				? others
				: { ...others, [url]: registration as unknown as IDataObject };
	}

	seenDeliveries(kind: EndpointKind): SeenDelivery[] {
		const parsed = seenSchema.safeParse(section(this.staticData, SEEN)[kind]);
		return parsed.success ? parsed.data : [];
	}

	setSeenDeliveries(kind: EndpointKind, seen: SeenDelivery[]): void {
		this.staticData[SEEN] = {
			...section(this.staticData, SEEN),
			[kind]: seen as unknown as IDataObject[],
		};
	}

	/** Envelopes created at or before this instant were forgotten early (memory bound) and are refused. */
	seenFloor(kind: EndpointKind): number {
		const value = section(this.staticData, SEEN_FLOOR)[kind];
		return typeof value === 'number' && Number.isFinite(value) ? value : 0;
	}

	setSeenFloor(kind: EndpointKind, floorMs: number): void {
		this.staticData[SEEN_FLOOR] = { ...section(this.staticData, SEEN_FLOOR), [kind]: floorMs };
	}
}
