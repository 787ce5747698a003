/** Public API of the receiver for tests, benchmarks and embedding. */
export {
	startReceiver,
	DATABASE_FILE,
	type ReceiverOptions,
	type RunningReceiver,
} from './receiver';
export { loadReceiverConfig, parseReceiverConfig, ConfigError, ENV_BINDINGS } from './config/load';
export {
	receiverConfigSchema,
	DEFAULT_ROUTE_EVENTS,
	type ReceiverConfig,
	type ReceiverConfigInput,
} from './config/schema';
export { systemClock, createScaledClock, type Clock } from './time/clock';
export { seededRandom, type Random } from './time/random';
export { createJsonLogger, silentLogger, type Logger } from './log/logger';
export type { DeliveryStore } from './store/delivery-store';
export { SqliteDeliveryStore } from './store/sqlite-delivery-store';
export { EVENT_HEADER, DELIVERY_ID_HEADER } from './forward/send-forward';
