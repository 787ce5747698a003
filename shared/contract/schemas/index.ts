export * from './api-keys';
export * from './chat';
export {
	deleteResponseSchema,
	markerInfoSchema,
	markerMapSchema,
	openEnum,
	type DeleteResponse,
} from './common';
export * from './connectors';
export * from './errors';
export * from './exports';
export * from './import-jobs';
export * from './indexes';
export * from './markers';
export * from './page';
export * from './processing-event';
export * from './prompt-runs';
export * from './prompts';
export * from './search';
export * from './segments';
export * from './statuses';
export * from './videos';
export * from './webhook-event';
export * from './webhooks';
