/**
 * The node's one text check (`checkText`, and `requiredText` / `optionalText` that read a parameter
 * through it): one message style, and lengths counted in characters, not UTF-16 units.
 */
import { describe, expect, it } from 'vitest';

import { checkText } from '../../../shared/n8n/text-check';
import {
	optionalText,
	requiredText,
} from '../../../nodes/VideoVector/actions/common/required-text';
import { createExecuteContext } from '../../support/execute-context';

const context = (parameters: Record<string, unknown> = {}) =>
	createExecuteContext({
		parameters,
		credentials: { apiKey: 'unused', baseUrl: 'http://127.0.0.1:9/api/v2' },
	});

describe('checkText', () => {
	it('trims, and counts an emoji as one character', () => {
		expect(checkText(context(), 0, '  🎬🎬🎬  ', 'Title', { min: 3, max: 3 })).toBe('🎬🎬🎬');
		expect(() => checkText(context(), 0, '🎬🎬🎬🎬', 'Title', { max: 3 })).toThrow(
			'Title must be at most 3 characters long (got 4)',
		);
	});

	it('refuses empty and short values in the same style', () => {
		expect(() => checkText(context(), 0, '   ', 'Name', { min: 3 })).toThrow('Name is required');
		expect(() => checkText(context(), 0, 'ab', 'Name', { min: 3 })).toThrow(
			'Name must be at least 3 characters long',
		);
		expect(checkText(context(), 0, undefined, 'Description')).toBe('');
	});
});

describe('requiredText and optionalText', () => {
	it('give the same messages as checkText', () => {
		expect(() => requiredText(context({ name: ' ' }), 0, 'name', 'Name')).toThrow(
			'Name is required',
		);
		expect(() =>
			requiredText(context({ name: 'n'.repeat(101) }), 0, 'name', 'Name', { maxLength: 100 }),
		).toThrow('Name must be at most 100 characters long (got 101)');
		expect(() => optionalText(context(), 0, '🎬🎬🎬', 'Title', { maxLength: 2 })).toThrow(
			'Title must be at most 2 characters long (got 3)',
		);
	});

	it('return the trimmed value, and undefined for an empty optional one', () => {
		expect(requiredText(context({ name: ' Blob ' }), 0, 'name', 'Name', { maxLength: 4 })).toBe(
			'Blob',
		);
		expect(optionalText(context(), 0, '  ', 'Title')).toBeUndefined();
		expect(optionalText(context(), 0, '🎬', 'Title', { maxLength: 1 })).toBe('🎬');
	});
});
