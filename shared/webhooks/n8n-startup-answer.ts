/**
 * n8n 2.x opens its port before it has checked its database migrations, and until they are done it
 * answers every request — webhook calls included — with HTTP 200 and this text, without running
 * anything (abstract-server.js in n8n 2.41.1). A sender that counts any 2xx as delivered loses
 * the event: it is neither executed nor retried.
 */
export const N8N_STARTUP_ANSWER = 'n8n is starting up. Please wait';

/** Whether a 2xx body is n8n's start-up answer rather than the answer of whatever was called. */
export function isN8nStartupAnswer(body: string | null | undefined): boolean {
	return typeof body === 'string' && body.trim() === N8N_STARTUP_ANSWER;
}
