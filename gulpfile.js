// Copies node and credential icons and the nodes' codex files (*.node.json) next to the compiled files in dist/, keeping folder layout:
// n8n resolves `icon: 'file:…'` relative to the compiled .js file.
const { src, dest } = require('gulp');

function buildIcons() {
	return src(
		[
			'nodes/**/*.{png,svg,json}',
			'triggers/**/*.{png,svg,json}',
			'credentials/**/*.{png,svg}',
			'icons/**/*.{png,svg}',
		],
		{
			base: '.',
			encoding: false,
		},
	).pipe(dest('dist'));
}

exports['build:icons'] = buildIcons;
