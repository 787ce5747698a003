import { it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { VideoVector } from '../../nodes/VideoVector/VideoVector.node';
it('dump', () => {
	const d = new VideoVector().description;
	const out: string[] = [];
	for (const p of d.properties) {
		if (p.name === 'operation') {
			out.push(`## ${p.displayOptions?.show?.resource} default=${p.default}`);
			for (const o of p.options as any[])
				out.push(`  ${o.value} | ${o.name} | ${o.action} | ${o.description}`);
		}
	}
	writeFileSync('/tmp/ux/ops.txt', out.join('\n'));
	writeFileSync('/tmp/ux/desc.json', JSON.stringify(d, null, 1));
});
