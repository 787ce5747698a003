import type { IDataObject } from 'n8n-workflow';

const LAST_EVENT_ID = 'lastEventId';
const STARTED = 'started';

/**
 * The trigger's position in the processing event feed, in the node's static data. n8n saves static
 * data when a poll returns items, right before it starts their execution — so the position that
 * covers those items is stored with them (with n8n's durable poll cursors, in the same transaction
 * as the execution). A poll that returns nothing may move the position over non-matching events
 * without a save; after a restart those are read and skipped again.
 * Top-level primitive values only: n8n notices changes through a proxy on the node's object.
 */
export class PollCursor {
	constructor(private readonly staticData: IDataObject) {}

	/** The event id to resume after; undefined before the first event was seen. */
	get lastEventId(): string | undefined {
		const value = this.staticData[LAST_EVENT_ID];
		return typeof value === 'string' && value !== '' ? value : undefined;
	}

	/** Whether the trigger has polled before (its start position was settled then). */
	get started(): boolean {
		return this.staticData[STARTED] === true;
	}

	/** First poll: begin after the user's event id, or from now (no id yet). */
	start(startAfter: string | undefined): void {
		this.staticData[STARTED] = true;
		if (startAfter !== undefined) this.staticData[LAST_EVENT_ID] = startAfter;
	}

	advance(eventId: string): void {
		this.staticData[LAST_EVENT_ID] = eventId;
	}

	/** The stored position expired: continue from now. */
	forget(): void {
		delete this.staticData[LAST_EVENT_ID];
	}
}
