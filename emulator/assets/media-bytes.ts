/**
 * Real, tiny image files built byte by byte (no binary blobs in the repo): a 1×1 GIF89a for
 * `GET /videos/{id}/gif` and an 8×8 mid-grey baseline JPEG for segment thumbnails. Both decode
 * in ordinary image tools.
 */

function gif1x1(): Buffer {
	return Buffer.from([
		...Buffer.from('GIF89a', 'ascii'),
		0x01,
		0x00,
		0x01,
		0x00, // 1×1 logical screen
		0x80,
		0x00,
		0x00, // global colour table of 2 entries
		0x3c,
		0x6e,
		0xc8, // entry 0: a blue
		0xff,
		0xff,
		0xff, // entry 1: white
		0x2c,
		0x00,
		0x00,
		0x00,
		0x00,
		0x01,
		0x00,
		0x01,
		0x00,
		0x00, // image descriptor
		0x02, // LZW minimum code size
		0x02,
		0x44,
		0x01,
		0x00, // clear, index 0, end-of-information; block terminator
		0x3b, // trailer
	]);
}

function segment(marker: number, payload: number[]): number[] {
	const length = payload.length + 2;
	return [0xff, marker, length >> 8, length & 0xff, ...payload];
}

/**
 * Every pixel is 128, so after level shift all DCT coefficients are zero: each Huffman table
 * needs a single one-bit code (DC category 0, AC end-of-block) and the scan is the bits `00`
 * padded with ones.
 */
function jpeg8x8Grey(): Buffer {
	const jfif = [0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00];
	const quant = [0x00, ...new Array<number>(64).fill(1)];
	const frame = [0x08, 0x00, 0x08, 0x00, 0x08, 0x01, 0x01, 0x11, 0x00];
	const oneCode = (tableClass: number) => [
		tableClass,
		0x01,
		...new Array<number>(15).fill(0),
		0x00,
	];
	const scan = [0x01, 0x01, 0x00, 0x00, 0x3f, 0x00];
	return Buffer.from([
		0xff,
		0xd8,
		...segment(0xe0, jfif),
		...segment(0xdb, quant),
		...segment(0xc0, frame),
		...segment(0xc4, oneCode(0x00)),
		...segment(0xc4, oneCode(0x10)),
		...segment(0xda, scan),
		0x3f,
		0xff,
		0xd9,
	]);
}

export const GIF_BYTES = gif1x1();
export const JPEG_BYTES = jpeg8x8Grey();
