import type { INodeProperties } from 'n8n-workflow';

/** A notice, at the top of a trigger's parameters, that says how to make an event arrive while building. */
export function testModeNotice(
	text: string,
	displayOptions?: INodeProperties['displayOptions'],
	name = 'testModeNotice',
): INodeProperties {
	return {
		displayName: text,
		name,
		type: 'notice',
		default: '',
		...(displayOptions ? { displayOptions } : {}),
	};
}

/** How to make something happen in VideoVector, for the notices and trigger panels. */
export const MAKE_AN_EVENT =
	'run a prompt, upload media, or start an import or export in VideoVector (for example with the VideoVector node in another workflow)';
