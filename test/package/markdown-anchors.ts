import { readFileSync } from 'node:fs';

/** GitHub's anchor for a Markdown heading: lower case, punctuation dropped, spaces to hyphens. */
export function anchor(heading: string): string {
	return heading
		.trim()
		.toLowerCase()
		.replace(/[^\p{L}\p{N}\s_-]/gu, '')
		.replace(/\s/g, '-');
}

/** The anchors of every heading in a Markdown file. */
export function headingAnchors(path: string): Set<string> {
	return new Set(
		readFileSync(path, 'utf8')
			.split('\n')
			.filter((line) => /^#{1,6}\s/.test(line))
			.map((line) => anchor(line.replace(/^#+/, ''))),
	);
}
