import type { IDataObject } from 'n8n-workflow';

/** Where a (re)activated trigger picks the stream up. */
export interface ResumePoint {
	/** Sent as `Last-Event-ID` on the first connection (undefined: start live). */
	connectAfter: string | undefined;
	/**
	 * Last id of the unit that was being executed when the trigger last stopped. It is replayed and
	 * emitted again under the same deduplication key: n8n runs it only if its execution was never stored.
	 */
	inFlightUntil: string | undefined;
}

const LAST_EMITTED = 'lastEventId';
const LAST_FINISHED = 'resumeAfterEventId';

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * The stream position in the node's static data (`getWorkflowStaticData('node')`).
 *
 * n8n writes a trigger's static data to the database only when the trigger emits (and right after
 * activation) — never when it is deactivated or n8n stops. So both values are written just before
 * each emit, and n8n saves them as part of that emit:
 * - `lastEventId`: the last id handed to n8n;
 * - `resumeAfterEventId`: the last id whose execution had finished by then.
 * A restart resumes after `resumeAfterEventId` and re-emits the one unit in between with its
 * deduplication key, so an execution lost in the stop is run and a stored one is not repeated.
 * Top-level primitive values only: n8n notices changes through a proxy on the node's object.
 */
export class ResumeState {
	/** Everything up to here is done: the stream resumes after it. */
	private finished: string | undefined;

	/**
	 * @param replayInFlight whether n8n deduplicates executions by key. Without that (older n8n) a
	 * replayed unit would run twice, so the trigger resumes after the last emitted id instead: no
	 * repeat, at the price of losing the unit if n8n dropped its execution in the stop.
	 */
	constructor(
		private readonly staticData: IDataObject,
		private readonly startAfter: string | undefined,
		private readonly replayInFlight = true,
	) {
		this.finished = this.point().connectAfter;
	}

	point(): ResumePoint {
		const { lastEmitted, lastFinished } = this.stored();
		// Nothing stored yet: the user's start position (or live).
		if (lastEmitted === undefined)
			return { connectAfter: this.startAfter, inFlightUntil: undefined };
		const connectAfter = this.replayInFlight ? (lastFinished ?? lastEmitted) : lastEmitted;
		return { connectAfter, inFlightUntil: connectAfter === lastEmitted ? undefined : lastEmitted };
	}

	/** Right before `emit`, which saves the static data. */
	beforeEmit(lastId: string): void {
		this.staticData[LAST_EMITTED] = lastId;
		if (this.finished !== undefined) this.staticData[LAST_FINISHED] = this.finished;
	}

	/** n8n finished the unit's execution; saved with the next emit. */
	afterExecution(lastId: string): void {
		this.finished = lastId;
	}

	/** The position expired and the user chose to continue with new events. */
	forget(): void {
		delete this.staticData[LAST_EMITTED];
		delete this.staticData[LAST_FINISHED];
		this.finished = undefined;
	}

	private stored(): { lastEmitted: string | undefined; lastFinished: string | undefined } {
		return {
			lastEmitted: text(this.staticData[LAST_EMITTED]),
			lastFinished: text(this.staticData[LAST_FINISHED]),
		};
	}
}
