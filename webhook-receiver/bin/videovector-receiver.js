#!/usr/bin/env node
'use strict';
// Runs the compiled receiver (`npm run build` first). Shared kit files are compiled alongside it.
require('../dist/webhook-receiver/src/cli.js');
