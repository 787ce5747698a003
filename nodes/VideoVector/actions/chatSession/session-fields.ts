import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { CHAT_SESSION, locator, locatorValue } from '../common/locators';

/** What several chat-session operations share: the session they act on, and the title limit. */

/** A picker (From List, or By ID) of the API's list. */
export const sessionIdProperty: INodeProperties = locator(CHAT_SESSION);

export function readSessionId(context: IExecuteFunctions, itemIndex: number): string {
	return locatorValue(context, CHAT_SESSION, itemIndex);
}

/** No limit is documented (docs/api/conventions.md#chat-sessions); this is the one the emulator enforces, checked before sending. */
export const TITLE_MAX_LENGTH = 200;
