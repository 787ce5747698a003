import { stringList } from '../shared/trigger-picks';

/** How deliveries reach the trigger. */
export type DeliveryMode = 'direct' | 'receiver';

export interface TriggerParameters {
	delivery: DeliveryMode;
	/** As chosen; may contain the "all events" value. */
	events: string[];
	indexIds: string[];
	fetchFullObject: boolean;
	previousSecretOverlapMs: number;
	/** Unpublishing leaves the production subscription in place, so failed deliveries can be caught up. */
	keepSubscriptionWhileUnpublished: boolean;
	/** On publish, ask VideoVector to re-send deliveries that failed meanwhile. */
	resendMissedDeliveries: boolean;
	/** While the editor listens for a test event, ask VideoVector to send one. */
	sendTestEvent: boolean;
}

export const DEFAULT_OVERLAP_MINUTES = 60;

interface ParameterSource {
	getNodeParameter(name: string, fallback?: unknown): unknown;
}

export function readTriggerParameters(context: ParameterSource): TriggerParameters {
	const delivery =
		context.getNodeParameter('delivery', 'direct') === 'receiver' ? 'receiver' : 'direct';
	const options = (context.getNodeParameter('options', {}) ?? {}) as Record<string, unknown>;
	const overlap = Number(options.previousSecretOverlapMinutes ?? DEFAULT_OVERLAP_MINUTES);
	return {
		delivery,
		events: stringList(context.getNodeParameter('events', [])),
		indexIds: stringList(context.getNodeParameter('indexIds', [])),
		fetchFullObject: options.fetchFullObject === true,
		previousSecretOverlapMs: Number.isFinite(overlap) && overlap > 0 ? overlap * 60_000 : 0,
		keepSubscriptionWhileUnpublished: options.keepSubscriptionWhileUnpublished === true,
		resendMissedDeliveries: options.resendMissedDeliveries !== false,
		sendTestEvent: options.sendTestEvent !== false,
	};
}
