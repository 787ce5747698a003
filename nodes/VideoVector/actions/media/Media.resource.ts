import type { ResourceDefinition } from '../resource';
import { batchGet } from './batchGet.operation';
import { batchSegments } from './batchSegments.operation';
import { batchStatus } from './batchStatus.operation';
import { create } from './create.operation';
import { remove } from './delete.operation';
import { download } from './download.operation';
import { get } from './get.operation';
import { getAll } from './getAll.operation';
import { getDeletion } from './getDeletion.operation';
import { getDownloadUrl } from './getDownloadUrl.operation';
import { getGif } from './getGif.operation';
import { getPromptRuns } from './getPromptRuns.operation';
import { getSegments } from './getSegments.operation';
import { getSegmentThumbnail } from './getSegmentThumbnail.operation';
import { getSignedUrl } from './getSignedUrl.operation';
import { importUrls } from './importUrls.operation';
import { split } from './split.operation';
import { upload } from './upload.operation';

export const mediaResource: ResourceDefinition = {
	value: 'media',
	name: 'Media',
	description: 'Video, audio and image items: upload, import, inspect, download and delete',
	defaultOperation: 'upload',
	operations: [
		create,
		remove,
		download,
		get,
		getAll,
		getDeletion,
		getDownloadUrl,
		batchGet,
		batchSegments,
		batchStatus,
		getGif,
		getPromptRuns,
		getSegmentThumbnail,
		getSegments,
		getSignedUrl,
		importUrls,
		split,
		upload,
	],
};
