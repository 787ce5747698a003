import { stableFraction } from '../core/rng.js';
import { extensionOf, mediaTypeOf, mimeTypeOf } from './media.js';

/**
 * The deterministic object listing every connector "sees". Names are chosen to exercise the
 * import paths: supported media, unsupported files (skipped), and `corrupt-` media (failed).
 */

export interface CloudFile {
	path: string;
	name: string;
	size_bytes: number;
	last_modified: string;
	content_type: string;
	extension: string;
}

const OBJECTS = [
	'videos/intro.mp4',
	'videos/product-demo.mov',
	'videos/corrupt-upload.mp4',
	'videos/2024/keynote.mp4',
	'videos/2024/interview.webm',
	'audio/podcast-episode-1.mp3',
	'audio/standup-meeting.wav',
	'images/cover.jpg',
	'images/diagram.png',
	'docs/readme.txt',
	'docs/report.pdf',
	'archive/2019/launch.avi',
];

export function bucketListing(bucket: string): CloudFile[] {
	return OBJECTS.map((path, i) => {
		const name = path.slice(path.lastIndexOf('/') + 1);
		const type = mediaTypeOf(name);
		const scale = type === 'video' ? 50_000_000 : type === 'audio' ? 8_000_000 : 600_000;
		return {
			path,
			name,
			size_bytes: Math.round(1_000 + stableFraction(bucket, path) * scale),
			last_modified: new Date(Date.UTC(2025, 0, 1 + i * 7, 12)).toISOString(),
			content_type: mimeTypeOf(name),
			extension: extensionOf(name),
		};
	});
}

export function globMatcher(pattern: string): RegExp {
	const body = pattern
		.split('')
		.map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
		.join('');
	return new RegExp(`^${body}$`);
}

export function browse(
	bucket: string,
	options: { prefix: string; pattern: string; recursive: boolean; limit?: number },
): CloudFile[] {
	const matcher = globMatcher(options.pattern || '*');
	const files = bucketListing(bucket).filter((file) => {
		if (!file.path.startsWith(options.prefix)) return false;
		const rest = file.path.slice(options.prefix.length).replace(/^\//, '');
		if (!options.recursive && rest.includes('/')) return false;
		return matcher.test(file.name);
	});
	return options.limit !== undefined ? files.slice(0, options.limit) : files;
}
