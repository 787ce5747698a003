import { Counter, Histogram, MetricsRegistry, SampledGauge, type GaugeSample } from './registry';

/** Why an incoming delivery was turned away; the `reason` label of the rejected counter. */
export type RejectReason =
	| 'payload_too_large'
	| 'invalid_signature'
	| 'unsupported_media_type'
	| 'invalid_encoding'
	| 'malformed_json'
	| 'invalid_envelope'
	| 'delivery_id_mismatch'
	| 'missing_created_at'
	| 'stale_envelope'
	| 'shutting_down'
	| 'storage_error';

const ACK_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1];
const END_TO_END_BUCKETS = [0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10, 60, 300, 1800, 3600, 21600];

export interface ReceiverMetrics {
	registry: MetricsRegistry;
	received: Counter;
	rejected: Counter;
	duplicates: Counter;
	forwarded: Counter;
	retries: Counter;
	deadLettered: Counter;
	lateSuccesses: Counter;
	ackLatency: Histogram;
	endToEndLatency: Histogram;
}

/** `queueDepth` samples pending forwards per target when /metrics is scraped. */
export function createReceiverMetrics(queueDepth: () => Promise<GaugeSample[]>): ReceiverMetrics {
	const registry = new MetricsRegistry();
	const metrics: ReceiverMetrics = {
		registry,
		received: registry.register(
			new Counter('videovector_receiver_received_total', 'Deliveries verified and stored.'),
		),
		rejected: registry.register(
			new Counter('videovector_receiver_rejected_total', 'Deliveries refused, by reason.'),
		),
		duplicates: registry.register(
			new Counter(
				'videovector_receiver_duplicates_total',
				'Deliveries whose X-Delivery-Id was already stored.',
			),
		),
		forwarded: registry.register(
			new Counter(
				'videovector_receiver_forwarded_total',
				'Events delivered to a target (2xx), by target.',
			),
		),
		retries: registry.register(
			new Counter(
				'videovector_receiver_forward_retries_total',
				'Failed forward attempts that will be retried, by target.',
			),
		),
		deadLettered: registry.register(
			new Counter(
				'videovector_receiver_dead_lettered_total',
				'Events that exhausted their attempts, by target.',
			),
		),
		lateSuccesses: registry.register(
			new Counter(
				'videovector_receiver_forward_late_success_total',
				'Timed-out forwards the target answered 2xx later (recorded as delivered, not resent), by target.',
			),
		),
		ackLatency: registry.register(
			new Histogram(
				'videovector_receiver_ack_latency_seconds',
				'From request start to the stored acknowledgement.',
				ACK_BUCKETS,
			),
		),
		endToEndLatency: registry.register(
			new Histogram(
				'videovector_receiver_end_to_end_latency_seconds',
				"From receipt to the target's 2xx.",
				END_TO_END_BUCKETS,
			),
		),
	};
	registry.register(
		new SampledGauge(
			'videovector_receiver_queue_depth',
			'Events waiting to be forwarded, by target.',
			queueDepth,
		),
	);
	return metrics;
}
