import { z } from 'zod/v3';

import { id, openEnum, optString } from './common';
import { CHAT_TURN_STATUSES } from './statuses';

export const chatTurnSchema = z
	.object({
		turn_id: optString,
		session_id: optString,
		status: openEnum(CHAT_TURN_STATUSES),
		assistant_message: z.object({ content: optString }).passthrough().nullish(),
		error: z.object({ message: optString }).passthrough().nullish(),
	})
	.passthrough();
export type ChatTurn = z.infer<typeof chatTurnSchema>;

/** ChatSession (docs/api/conventions.md#chat-sessions); `turns` only on `GET /chat/sessions/{id}`. */
export const chatSessionSchema = z
	.object({
		session_id: id,
		title: optString,
		created_at: optString,
		updated_at: optString,
		turns: z.array(chatTurnSchema).nullish(),
	})
	.passthrough();
export type ChatSession = z.infer<typeof chatSessionSchema>;

/** `POST /chat/sessions/{id}/turns` answer. */
export const createTurnResultSchema = z.object({ turn: chatTurnSchema }).passthrough();
