/**
 * Which n8n endpoint a call is about. n8n registers "listen for test event" webhooks with execution
 * mode `manual` and serves test deliveries in that mode; everything else is the published
 * workflow. (Deletion runs in mode `internal` for both, which is why registrations are looked up
 * by URL rather than by kind.)
 */
export type EndpointKind = 'production' | 'test';

export function endpointKindOf(context: { getMode(): string }): EndpointKind {
	return context.getMode() === 'manual' ? 'test' : 'production';
}
