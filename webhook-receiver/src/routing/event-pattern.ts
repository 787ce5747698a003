/**
 * Event-type patterns used by routes: `*` (everything), an exact name (`export.ready`), or a
 * family prefix (`prompt_run.*`, which also covers deeper names such as `media.processing.*`).
 * Deliberately not a general glob: these three forms cover every VideoVector event name (README, "What VideoVector sends") and cannot surprise anyone.
 */
const NAME = '[A-Za-z0-9_-]+(?:\\.[A-Za-z0-9_-]+)*';
const PATTERN = new RegExp(`^(?:\\*|${NAME}(?:\\.\\*)?)$`);

export function isValidEventPattern(pattern: string): boolean {
	return PATTERN.test(pattern);
}

export type EventMatcher = (eventType: string) => boolean;

export function compileEventPattern(pattern: string): EventMatcher {
	if (pattern === '*') return () => true;
	if (pattern.endsWith('.*')) {
		const prefix = pattern.slice(0, -1);
		return (eventType) => eventType.startsWith(prefix) && eventType.length > prefix.length;
	}
	return (eventType) => eventType === pattern;
}

export function compileEventPatterns(patterns: readonly string[]): EventMatcher {
	const matchers = patterns.map(compileEventPattern);
	return (eventType) => matchers.some((matches) => matches(eventType));
}
