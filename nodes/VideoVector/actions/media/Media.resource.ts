import type { ResourceDefinition } from '../resource';
import { batchGet } from './batchGet.operation';
import { batchSegments } from './batchSegments.operation';
import { batchStatus } from './batchStatus.operation';
import { create } from './create.operation';
import { createDownloadLink } from './createDownloadLink.operation';
import { remove } from './delete.operation';
import { download } from './download.operation';
import { get } from './get.operation';
import { getDeletion } from './getDeletion.operation';
import { getGif } from './getGif.operation';
import { getSegmentThumbnail } from './getSegmentThumbnail.operation';
import { getSignedUrl } from './getSignedUrl.operation';
import { importUrls } from './importUrls.operation';
import { listPromptRuns } from './listPromptRuns.operation';
import { listSegments } from './listSegments.operation';
import { processMediaLegacy } from './process.operation';
import { upload } from './upload.operation';
import { uploadCore } from './uploadCore.operation';

export const mediaResource: ResourceDefinition = {
	value: 'media',
	name: 'Media',
	description: 'Video, audio and image items: upload, import, inspect, download and delete',
	// Alphabetical by name, as n8n lists operations.
	operations: [
		create,
		remove,
		download,
		get,
		getDeletion,
		createDownloadLink,
		batchGet,
		batchSegments,
		batchStatus,
		getGif,
		listPromptRuns,
		getSegmentThumbnail,
		listSegments,
		getSignedUrl,
		importUrls,
		processMediaLegacy,
		upload,
		uploadCore,
	],
};
