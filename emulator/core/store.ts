import { OrderedIds } from './pagination.js';
import type {
	ApiKeyRec,
	ChatSessionRec,
	ConnectorRec,
	DeletionRec,
	DeliveryRec,
	ExportRec,
	ImportJobRec,
	IndexRec,
	MarkerRec,
	MediaGrantRec,
	PromptRec,
	RunRec,
	SearchSnapshotRec,
	SegmentRetryRec,
	VideoRec,
	WebhookRec,
} from './types.js';

/**
 * All emulator state for the single account. A reset replaces the whole Store, so modules
 * always reach it through the emulator context rather than keeping references.
 */

/** A map that also remembers insertion order for O(page) listing. */
export class Table<T> {
	readonly byId = new Map<string, T>();
	readonly order = new OrderedIds();

	set(id: string, value: T): T {
		this.byId.set(id, value);
		this.order.add(id);
		return value;
	}

	get(id: string): T | undefined {
		return this.byId.get(id);
	}

	delete(id: string): void {
		this.byId.delete(id);
		this.order.remove(id);
	}

	get size(): number {
		return this.byId.size;
	}

	/** Oldest first. */
	values(): T[] {
		return this.order.all().map((id) => this.byId.get(id) as T);
	}

	newestFirst(): T[] {
		return this.values().reverse();
	}
}

export interface SegmentLocator {
	video_id: string;
}

export interface DownloadTokenRec {
	export_id: string;
	expires_at: number;
	used: boolean;
}

export class Store {
	readonly indexes = new Table<IndexRec>();
	readonly videos = new Table<VideoRec>();
	/** Per-index and playground listings (media without an index). */
	readonly indexVideos = new Map<string, OrderedIds>();
	readonly playgroundVideos = new OrderedIds();
	readonly segments = new Map<string, SegmentLocator>();
	readonly prompts = new Table<PromptRec>();
	readonly runs = new Table<RunRec>();
	readonly indexRuns = new Map<string, OrderedIds>();
	readonly retries = new Map<string, SegmentRetryRec>();
	readonly connectors = new Table<ConnectorRec>();
	readonly importJobs = new Table<ImportJobRec>();
	readonly exports = new Table<ExportRec>();
	readonly webhooks = new Table<WebhookRec>();
	readonly deliveries = new Map<string, DeliveryRec>();
	readonly webhookDeliveries = new Map<string, OrderedIds>();
	/** Idempotency key (scoped per credential) → webhook id it created: a re-creation reuses the id. */
	readonly webhookIdsByKey = new Map<string, string>();
	readonly apiKeys = new Table<ApiKeyRec>();
	readonly apiKeyByHash = new Map<string, string>();
	readonly markers = new Table<MarkerRec>();
	readonly chatSessions = new Table<ChatSessionRec>();
	readonly snapshots = new Map<string, SearchSnapshotRec>();
	readonly mediaGrants = new Map<string, MediaGrantRec>();
	readonly downloadTokens = new Map<string, DownloadTokenRec>();
	/** Deletion records outlive the media/index they describe so progress can still be read. */
	readonly mediaDeletions = new Map<string, DeletionRec>();
	readonly indexDeletions = new Map<string, DeletionRec>();

	listingOf(indexId: string | null): OrderedIds {
		if (indexId === null) return this.playgroundVideos;
		let list = this.indexVideos.get(indexId);
		if (!list) {
			list = new OrderedIds();
			this.indexVideos.set(indexId, list);
		}
		return list;
	}

	runsOfIndex(indexId: string): OrderedIds {
		let list = this.indexRuns.get(indexId);
		if (!list) {
			list = new OrderedIds();
			this.indexRuns.set(indexId, list);
		}
		return list;
	}

	addVideo(video: VideoRec): void {
		this.videos.set(video.video_id, video);
		this.listingOf(video.index_id).add(video.video_id);
	}

	removeVideo(videoId: string): void {
		const video = this.videos.get(videoId);
		if (!video) return;
		this.videos.delete(videoId);
		this.listingOf(video.index_id).remove(videoId);
	}

	deliveriesOf(webhookId: string): OrderedIds {
		let list = this.webhookDeliveries.get(webhookId);
		if (!list) {
			list = new OrderedIds();
			this.webhookDeliveries.set(webhookId, list);
		}
		return list;
	}
}
