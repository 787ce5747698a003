import type { IExecuteFunctions } from 'n8n-workflow';

import { trimmedText } from './collection-values';
import type { LocatorSpec } from './locators';

/** A locator the user may leave empty (e.g. "containing index"): its trimmed value, or undefined. */
export function optionalLocatorValue(context: IExecuteFunctions, spec: LocatorSpec, itemIndex: number): string | undefined {
	const value = context.getNodeParameter(spec.name, itemIndex, '', { extractValue: true }) as unknown;
	return trimmedText(value);
}
