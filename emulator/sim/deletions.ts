import type { Emulator } from '../core/context.js';
import type { DeletionRec, IndexRec, JsonObject, VideoRec } from '../core/types.js';

/**
 * Durable deletion: pending --deletionStepMs--> in_progress --deletionStepMs per batch--> deleted.
 * Media stay readable until the deletion completes; afterwards they are gone (404) but the
 * deletion record still answers `GET …/deletion`. DELETE again starts nothing new: it returns
 * the deletion already under way (or finished).
 */

const INDEX_BATCH = 500;

export class DeletionSimulator {
	constructor(private readonly emu: Emulator) {}

	deleteMedia(video: VideoRec): DeletionRec {
		if (video.deletion) return video.deletion;
		const deletion = this.newDeletion(1);
		video.deletion = deletion;
		this.emu.store.mediaDeletions.set(video.video_id, deletion);
		this.step(() => {
			deletion.status = 'in_progress';
			this.step(() => {
				this.removeMedia(video.video_id);
				this.finish(deletion, 1);
			});
		});
		return deletion;
	}

	deleteIndex(index: IndexRec): DeletionRec {
		if (index.deletion) return index.deletion;
		const listing = this.emu.store.listingOf(index.index_id);
		const deletion = this.newDeletion(listing.size);
		index.deletion = deletion;
		this.emu.store.indexDeletions.set(index.index_id, deletion);
		const removeBatch = () => {
			const batch = listing.page(null, INDEX_BATCH, false).ids;
			for (const id of batch) this.removeMedia(id);
			deletion.deleted_items += batch.length;
			if (listing.size > 0) {
				this.step(removeBatch);
				return;
			}
			this.emu.store.indexes.delete(index.index_id);
			this.emu.store.indexVideos.delete(index.index_id);
			this.finish(deletion, deletion.total_items);
		};
		this.step(() => {
			deletion.status = 'in_progress';
			this.step(removeBatch);
		});
		return deletion;
	}

	private removeMedia(videoId: string): void {
		const video = this.emu.store.videos.get(videoId);
		if (!video) return;
		const deletion = video.deletion ?? this.newDeletion(1);
		this.finish(deletion, 1);
		this.emu.store.mediaDeletions.set(videoId, deletion);
		this.emu.store.removeVideo(videoId);
	}

	private newDeletion(total: number): DeletionRec {
		return {
			deletion_id: this.emu.ids.next('deletion'),
			status: 'pending',
			requested_at: this.emu.nowIso(),
			completed_at: null,
			total_items: total,
			deleted_items: 0,
		};
	}

	private finish(deletion: DeletionRec, deleted: number): void {
		deletion.status = 'deleted';
		deletion.deleted_items = deleted;
		deletion.completed_at = this.emu.nowIso();
	}

	private step(callback: () => void): void {
		this.emu.clock.setTimeout(callback, this.emu.config.simulation.deletionStepMs);
	}
}

export function renderMediaDeletion(videoId: string, deletion: DeletionRec): JsonObject {
	return {
		video_id: videoId,
		deletion_id: deletion.deletion_id,
		status: deletion.status,
		requested_at: deletion.requested_at,
		completed_at: deletion.completed_at,
	};
}

export function renderIndexDeletion(indexId: string, deletion: DeletionRec): JsonObject {
	return {
		index_id: indexId,
		deletion_id: deletion.deletion_id,
		status: deletion.status,
		requested_at: deletion.requested_at,
		completed_at: deletion.completed_at,
		total_media: deletion.total_items,
		deleted_media: deletion.deleted_items,
	};
}
