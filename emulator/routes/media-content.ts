import { createReadStream } from 'node:fs';
import type { Express, Request, Response } from 'express';
import type { Emulator } from '../core/context.js';
import { ApiError } from '../core/errors.js';
import { Rng } from '../core/rng.js';
import type { MediaGrantRec } from '../core/types.js';

/**
 * Short-lived media URLs (media grants, signed URLs) point at `GET /_media/{token}` on the
 * emulator origin: no auth header, like the real signed URLs. Uploaded media stream their
 * stored bytes; other media get deterministic placeholder bytes.
 */

const grantRngs = new WeakMap<Emulator, Rng>();

function grantRng(emu: Emulator): Rng {
	let rng = grantRngs.get(emu);
	if (!rng) {
		rng = new Rng(`${emu.seed}:media-grants`);
		grantRngs.set(emu, rng);
	}
	return rng;
}

export function mintMediaGrant(
	emu: Emulator,
	grant: Omit<MediaGrantRec, 'token' | 'expires_at'>,
): { url: string; expires_at: string } {
	const token = `mg_${grantRng(emu).hex(40)}`;
	const expiresAt = Math.floor(emu.now() + emu.config.simulation.mediaGrantTtlMs);
	emu.store.mediaGrants.set(token, { ...grant, token, expires_at: expiresAt });
	return { url: `${emu.origin}/_media/${token}`, expires_at: emu.clock.iso(expiresAt) };
}

function placeholder(grant: MediaGrantRec): Buffer {
	return Buffer.from(
		`VideoVector emulator placeholder media\nvideo_id=${grant.video_id}\nsegment_id=${grant.segment_id ?? ''}\n`,
		'utf8',
	);
}

export function registerMediaContent(app: Express, emu: Emulator): void {
	app.get('/_media/:token', (req: Request, res: Response, next: (error?: unknown) => void) => {
		const grant = emu.store.mediaGrants.get(req.params.token as string);
		if (!grant || grant.expires_at <= emu.now()) {
			next(
				new ApiError(
					403,
					'authorization_invalid_media_grant',
					'This media URL is invalid or has expired',
				),
			);
			return;
		}
		const video = grant.video_id ? emu.store.videos.get(grant.video_id) : undefined;
		res.setHeader('Content-Type', grant.mime_type);
		res.setHeader(
			'Content-Disposition',
			`attachment; filename="${grant.filename.replace(/"/g, '')}"`,
		);
		if (video?.file && !grant.segment_id) {
			res.setHeader('Content-Length', String(video.file.size));
			createReadStream(video.file.path).on('error', next).pipe(res);
			return;
		}
		const bytes = placeholder(grant);
		res.setHeader('Content-Length', String(bytes.length));
		res.end(bytes);
	});
}
