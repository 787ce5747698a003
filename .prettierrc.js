// Prettier settings of the n8n-nodes-starter (tabs, single quotes, trailing commas, width 100), so
// the code reads like every other n8n community node. `npm run format` / `npm run format:check`.
module.exports = {
	semi: true,
	trailingComma: 'all',
	bracketSpacing: true,
	useTabs: true,
	tabWidth: 2,
	arrowParens: 'always',
	singleQuote: true,
	quoteProps: 'as-needed',
	endOfLine: 'lf',
	printWidth: 100,
};
