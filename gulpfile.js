// Copies node and credential icons next to the compiled files in dist/, keeping folder layout:
// n8n resolves `icon: 'file:…'` relative to the compiled .js file.
const { src, dest } = require('gulp');

function buildIcons() {
	return src(['nodes/**/*.{png,svg}', 'triggers/**/*.{png,svg}', 'credentials/**/*.{png,svg}', 'icons/**/*.{png,svg}'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

exports['build:icons'] = buildIcons;
